"""Arabic names through a whole story (issue 10, Arabic side): a transliterated name is one
place at all its mentions, a word that begins like a proclitic keeps it when it is a word of its
own, and a trigger does not make a far, small namesake the place. Sentences written for these tests."""
from __future__ import annotations

import pytest

# One sense per discourse for transliterated names: a name no gazetteer spells in Arabic, made a
# place once by a trigger (إقليم) and a country, is that place at its other mentions too — behind
# a bare proclitic (بتاونات), where alone it would not be accepted. (Since the gazetteer holds
# Morocco's provinces, places_provinces.tsv, the name after إقليم is the province and the bare
# mention its town, which takes the province's Arabic name.)
REPEATED_TRANSLITERATIONS = [
    ("وانهارت مبان في إقليم تاونات بالمغرب، وتضررت الطرق بتاونات.",
     [("تاونات", "MA", "admin"), ("المغرب", "MA", "country"), ("تاونات", "MA", "city")]),
    ("اجتاحت السيول إقليم أزيلال في المغرب. وانقطعت الكهرباء بأزيلال منذ الصباح.",
     [("أزيلال", "MA", "admin"), ("المغرب", "MA", "country"), ("أزيلال", "MA", "city")]),
    # An earlier mention too: the text is read again once the name is known.
    ("وانقطعت الكهرباء بأزيلال منذ الصباح. واجتاحت السيول إقليم أزيلال في المغرب.",
     [("أزيلال", "MA", "city"), ("أزيلال", "MA", "admin"), ("المغرب", "MA", "country")]),
    # Never by itself: alone behind a clitic the word is not made a place.
    ("وتضررت الطرق بتاونات في المغرب.", [("المغرب", "MA", "country")]),
    # After a trigger, a name and a common word are not one two-word name ("أعلى": highest).
    ("وسجل إقليم أزيلال أعلى عدد من الإصابات في المغرب.",
     [("أزيلال", "MA", "admin"), ("المغرب", "MA", "country")]),
]

# A word that begins like a proclitic keeps it when it is a word of its own: a trigger noun
# (ولاية is no و + لاية, بلدة no ب + لدة) or a word far more common than its remainder.
WORDS_OF_THEIR_OWN = [
    ("ولاية وهران شهدت حرائق كبيرة.", [("وهران", "DZ", "admin")]),
    ("اندلعت النيران في ولاية سطيف وولاية عنابة.", [("سطيف", "DZ", "admin"), ("عنابة", "DZ", "admin")]),
    ("قال وزير الداخلية إن الوضع تحت السيطرة.", []),
    ("وصل الوفد إلى وسط المدينة.", []),
    # Names behind a real proclitic still lose it.
    ("وصل الوزير إلى دمشق والقدس وبغداد.",
     [("دمشق", "SY", "city"), ("القدس", "IL", "city"), ("بغداد", "IQ", "city")]),
]

# A trigger says that a place stands here, not which one: when every namesake the gazetteer
# knows is a small place in a country the story never names, the name is left out (the
# gazetteer lacks the place) rather than put on another continent.
SMALL_NAMESAKES = [
    ("ونزحت عائلات من بلدات قانا وصريفا في جنوب لبنان.",
     [("قانا", "LB", "city"), ("صريفا", "LB", "city"), ("لبنان", "LB", "country")]),
    ("سقطت قذيفة على بلدة كفرشوبا في لبنان.", [("كفرشوبا", "LB", "city"), ("لبنان", "LB", "country")]),
]


@pytest.mark.parametrize("sentence, expected", REPEATED_TRANSLITERATIONS)
def test_transliterated_name_is_one_place_through_the_story(places, sentence, expected):
    assert places(sentence, "ar") == expected


@pytest.mark.parametrize("sentence, expected", WORDS_OF_THEIR_OWN)
def test_word_of_its_own_keeps_its_first_letter(places, sentence, expected):
    assert places(sentence, "ar") == expected


@pytest.mark.parametrize("sentence, expected", SMALL_NAMESAKES)
def test_trigger_keeps_small_places_of_the_story(places, sentence, expected):
    assert places(sentence, "ar") == expected


def test_trigger_drops_a_far_small_namesake(places):
    """جويا (Jouaiya, a Lebanese village the gazetteer lacks) is spelt like Goya, Argentina: after
    بلدة in a Lebanese story it is left out, in an Argentinian one it is Goya."""
    assert places("ونزحت عائلات من بلدة جويا نحو صيدا في لبنان.", "ar") == [
        ("صيدا", "LB", "city"), ("لبنان", "LB", "country")]
    assert places("وصلت المساعدات إلى بلدة جويا في الأرجنتين.", "ar") == [
        ("جويا", "AR", "city"), ("الأرجنتين", "AR", "country")]
