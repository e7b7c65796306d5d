"""The tagger reads a clause's tense once per surroundings (issue 15: one date per line repeats
its surroundings every 1,120 lines). That holds only if clause_tense reads nothing outside
`tense_surroundings`: whatever stands before or after that window, the tense is the same."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.dates.grammar import grammar_for
from extract.dates.tense import _PAST_FORWARD_CHARS, _READS_BEFORE, clause_tense, tense_surroundings

# Cues of both tenses, clause and sentence breaks, in both languages (as the folded text has them).
WORDS = ["will", "was", "were", "expected", "to", "by", "ahead of", "had been", "due", "and",
         "should", "said", "met", "the", "talks", "in", "Cairo", "الخميس", "سيزور", "كان", "من المقرر",
         "،", ",", ".", ";", "\n", "on", "opened", "reopen", "'ll"]
words = st.lists(st.sampled_from(WORDS), max_size=150).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(words, words, words, words, words, words, st.integers(-450, 0), st.integers(0, 60),
       st.booleans(), st.sampled_from(["en", "ar"]))
def test_the_tense_depends_only_on_the_surroundings_read(far1, far2, near_before, near_after, after1,
                                                         after2, previous, following, to_the_end, lang):
    vocab = grammar_for(lang).vocab
    before = (" " * _READS_BEFORE + near_before)[-_READS_BEFORE:]
    date = "Thursday" if lang == "en" else "الخميس"
    after = (near_after + " " * (_PAST_FORWARD_CHARS + 1))[:_PAST_FORWARD_CHARS + 1]
    answers = set()
    for far, rest in ((far1, after1), (far2, after2)):
        text = far + before + date + after + rest
        start = len(far) + len(before)
        end = start + len(date)
        previous_end = max(0, start + previous)
        next_start = len(text) if to_the_end else end + following
        answers.add((tense_surroundings(text, start, end, previous_end, next_start) if not to_the_end
                     else None, clause_tense(text, start, end, previous_end, next_start, vocab)))
    assert len({tense for _, tense in answers}) == 1
    if not to_the_end:
        assert len({key for key, _ in answers}) == 1
