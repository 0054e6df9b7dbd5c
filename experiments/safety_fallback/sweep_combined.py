"""Issue 12, fourth round: the second sweep (lower bars, k of the neighbours, signals combined) on the cache of collect.py and the scores of sweep.py; prints the table of docs/bench-safety.md."""

import json, numpy as np, sys
from experiments.safety_fallback import sweep as S
from experiments.safety_fallback.collect import OUT
from bot.safety.lexicon import DangerLexicon
from bot.safety.safety_net import SafetyNet
from bot import PROJECT_ROOT
parsed=json.loads((OUT/"parsed.json").read_text())
sc=dict(np.load(OUT / "scores.npz"))  # written by the first lines of the look-up in this round (lr, maxcos, top3cos, knn10, char)
lik=S.char_likeness()
lex=DangerLexicon.load(PROJECT_ROOT/"locales"/"danger")
net=SafetyNet({},lex,lik)
base=[net.decide(p['text'],p['ranking'],p['intent'],p['language']) for p in parsed]
base_em=np.array([b['level']=='emergency' for b in base])
calm=np.array([bool(b['calm']) for b in base])
unsure=np.array([b['level']=='unsure' for b in base])
words=np.array([len(p['text'].split()) for p in parsed])
fb=np.array([p['intent'].get('name')=='nlu_fallback' for p in parsed])
st=np.array([p['set'] for p in parsed]); lab=np.array([p['label'] for p in parsed]); cat=np.array([p['category'] for p in parsed])
em=lab=='emergency'; nm=lab=='near_miss'
dev=np.isin(st,S.SETS); d56=np.isin(st,['dev5','dev6'])
nlu=st=='nlu-dev'; unmet=nlu&(cat=='unmet'); insc=nlu&~np.isin(cat,['unmet','emergency'])
lr,ch,kn,mc=sc['lr'],sc['char'],sc['knn10'],sc['maxcos']
def row(name,new):
    e=base_em|new
    fa=[int((e&nm&(st==s)).sum()) for s in S.SETS]
    blind=int((new&em&d56&fb).sum())
    ok=sum(fa)<=64 and (e&unmet).sum()<=12 and (e&insc).sum()<=21
    print(f"| {name}{'' if ok else ' (x)'} | {' | '.join(str(int((e&em&(st==s)).sum())) for s in S.SETS)} | {'/'.join(map(str,fa))} ({sum(fa)}) | {int((e&unmet).sum())} | {int((e&insc).sum())} | {int((dev&em&~e&fb).sum())} | {blind} |")
print("| candidate | tune | dev | dev5 | dev6 | FA (sum) | unmet | in-scope | fb-missed | blind |")
row('today',np.zeros(len(parsed),bool))
base_cond=fb&(words>=3)&~calm
for name,s in (('lr',lr),('char',ch),('knn',kn)):
    for bar in (0.2,0.25,0.3,0.35,0.4,0.45,0.5,0.55,0.6,0.65,0.7,0.75,0.8):
        row(f'{name}>={bar}',base_cond&(s>=bar))
for a in (0.5,0.6,0.7,0.8):
  for b in (0.25,0.3,0.35,0.4):
    row(f'lr>={a} or char>={b}',base_cond&((lr>=a)|(ch>=b)))
for b in (0.3,0.4,0.5,0.6):
    row(f'mean(lr,char)>={b}',base_cond&((lr+ch)/2>=b))
# also unsure fallback -> emergency
row('fallback unsure->emergency (no calm)',fb&unsure&~calm)
row('fallback unsure->emergency',fb&unsure)
print("---- knn variants")
train = json.loads((OUT / "train.json").read_text(encoding="utf-8"))
tv = np.load(OUT / "train_vectors.npy"); sv = np.load(OUT / "set_vectors.npy")
y = np.array([bool(e) for _, e in train])
order = np.argsort(sv @ tv.T, axis=1)
for k in (5, 10, 20):
    knk = y[order[:, -k:]].mean(axis=1)
    for bar in sorted(set([round(j / k, 3) for j in range(1, k // 2 + 1)])):
        row(f'knn{k}>={bar}', base_cond & (knk >= bar))
        if k == 10:
            for b in (0.35, 0.4, 0.5):
                row(f'knn{k}>={bar} or char>={b}', base_cond & ((knk >= bar) | (ch >= b)))
k10 = y[order[:, -10:]].mean(axis=1)
idx = np.where(base_cond & (k10 >= 0.2) & ~base_em & (unmet | (nm & dev)))[0]
for i in idx: print('COST', st[i], cat[i], parsed[i]['lang'], round(k10[i], 2), parsed[i]['text'][:90])
idx = np.where(unmet & base_em)[0]
for i in idx: print('TODAY-UNMET', parsed[i]['lang'], [b for b in [base[i]['reason']]], parsed[i]['text'][:90])
