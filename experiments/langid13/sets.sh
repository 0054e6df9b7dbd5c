# The thirteenth round's sets (sourced by the scoring commands of experiments/langid13/README.md).
# D and R: langid12's development and older readable sets (errors read, tuned on).
# V: validation, never read, scored once at the end with main's detector and this branch's, figures only.
# V1 (the twelfth round's fresh authors, where issue 17's ber 72/76 stands) is reported apart.
source "$(dirname "${BASH_SOURCE[0]}")/../langid12/sets.sh"
V1="tests/nlu/heldout12.tsv tests/safety/final11.tsv"
V="$V1 $V tests/safety/dev16.tsv tests/safety/dev17.tsv tests/nlu/heldout_subs8.tsv tests/nlu/heldout_subs9.tsv
tests/nlu/heldout_subs10.tsv"
