"""Issue 12, fourth round: writes var/safety4/scores.npz (every signal per cached message) and lists the development misses with their scores."""
import json, numpy as np, sys

from experiments.safety_fallback import sweep as S
from experiments.safety_fallback.collect import OUT
from bot.safety.lexicon import DangerLexicon
from bot.safety.safety_net import SafetyNet
from bot import PROJECT_ROOT
parsed=json.loads((OUT/"parsed.json").read_text())
lik=S.char_likeness()
sc=S.meaning_scores(1.0)
sc['char']=np.array([lik.score(p['text']) for p in parsed])
np.savez(OUT/'scores.npz', **sc)
lex=DangerLexicon.load(PROJECT_ROOT/"locales"/"danger")
net=SafetyNet({},lex,lik)
for i,p in enumerate(parsed):
    if p['set'] in S.SETS and p['label']=='emergency' and p['level']!='emergency':
        b=net.decide(p['text'],p['ranking'],p['intent'],p['language'])
        print(p['set'],p['lang'],p['intent']['name'],b['level'],b['reason'],b['calm'],' '.join(f"{k}={sc[k][i]:.2f}" for k in sc), p['text'][:70])
