"""The tagger's fast folding is exactly extract.text.normalize, offsets included."""
from hypothesis import given, settings, strategies as st

from extract.dates.folding import fold
from extract.text import normalize

ALPHABET = st.one_of(st.characters(), st.sampled_from("أإآىةؤئیکـًٌٍَُِّْ\u200f\u200b٠١٩۵ \u00a0\u2009ÉéçÀ"))


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET, max_size=60))
def test_fold_matches_normalize(text):
    folded, normalized = fold(text), normalize(text)
    assert folded.text == normalized.text
    assert [folded.original(i) for i in range(len(folded.text))] == list(normalized.offsets)
    for start in range(len(folded.text) + 1):
        for end in range(start, min(len(folded.text), start + 3) + 1):
            assert folded.span(start, end) == normalized.span(start, end)
