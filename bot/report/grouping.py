"""Group similar unmet questions for review: TF-IDF on character n-grams, then clustering.

Character n-grams (2-4, within words) work across languages and spelling
mistakes. Agglomerative clustering with a cosine distance threshold finds the
groups without knowing their number. Largest groups come first.
"""

from __future__ import annotations

from typing import List, Sequence, TypeVar

T = TypeVar("T")

# Two questions further apart than this (cosine distance, average linkage) are not grouped.
DISTANCE = 0.75


def group(texts: Sequence[str], items: Sequence[T], distance: float = DISTANCE) -> List[List[T]]:
    """`items` grouped by the similarity of their `texts`; largest group first, each in input order."""
    if len(texts) != len(items):
        raise ValueError("texts and items must have the same length")
    if len(items) < 2:
        return [list(items)] if items else []
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True).fit_transform(
        [t.lower() for t in texts]
    )
    labels = AgglomerativeClustering(
        n_clusters=None, distance_threshold=distance, affinity="cosine", linkage="average"
    ).fit_predict(vectors.toarray())
    groups: dict = {}
    for label, item in zip(labels, items, strict=True):
        groups.setdefault(label, []).append(item)
    return sorted(groups.values(), key=lambda g: -len(g))
