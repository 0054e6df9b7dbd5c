# The twelfth round's sets (sourced by the scoring commands of experiments/langid12/README.md).
# D: development (errors read, tuned on). R: the older readable sets (errors read). V: validation, scored once.
D="tests/nlu/heldout7.tsv tests/nlu/heldout8.tsv tests/nlu/heldout9.tsv tests/nlu/heldout10.tsv
tests/safety/final7.tsv tests/safety/final8.tsv tests/safety/final9.tsv
tests/safety/dev10.tsv tests/safety/dev11.tsv tests/safety/dev12.tsv tests/safety/dev13.tsv"
R="tests/nlu/dev.tsv tests/nlu/dev2.tsv tests/nlu/dev3.tsv tests/nlu/dev4.tsv tests/nlu/dev5.tsv tests/nlu/dev6.tsv
tests/nlu/dev7.tsv tests/nlu/heldout.tsv tests/nlu/heldout3.tsv tests/nlu/heldout4.tsv tests/nlu/heldout5.tsv
tests/nlu/heldout6.tsv tests/nlu/heldout_subs.tsv tests/nlu/heldout_subs2.tsv tests/nlu/heldout_subs3.tsv
tests/nlu/heldout_subs4.tsv tests/nlu/heldout_subs5.tsv tests/nlu/heldout_subs6.tsv tests/nlu/heldout_subs7.tsv
tests/safety/dev.tsv tests/safety/dev5.tsv tests/safety/dev6.tsv tests/safety/dev7.tsv tests/safety/dev8.tsv
tests/safety/dev9.tsv tests/safety/final.tsv tests/safety/final2.tsv tests/safety/final3.tsv tests/safety/final4.tsv
tests/safety/final5.tsv tests/safety/final6.tsv tests/safety/heldout.tsv tests/safety/tune.tsv"
V="tests/nlu/heldout11.tsv tests/safety/final10.tsv tests/nlu/dev8.tsv tests/safety/dev14.tsv tests/nlu/dev9.tsv
tests/safety/dev15.tsv"
