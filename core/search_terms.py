"""Search terms: the words a family types, matched to the words editors wrote.

A word becomes the terms it is indexed and searched under:

- its Snowball stem (PyStemmer; German also folds ä/ae, ö/oe, ü/ue and ß/ss), so that
  "alleinerziehenden", "Alleinerziehende" and "Alleinerziehenden" meet, and "Müttern" meets
  "Mütter";
- for a gendered form ("Lots*innen", "Lots:innen", "Lots_innen", "LotsInnen", "Lotsinnen",
  "Lotsin"), the feminine form and the base ("Lotse", "Lotsen" meet it too);
- for a German compound, its parts ("Familienhebammen": Familien, Hebammen), found with the
  German word list of wordfreq (a dictionary decompounder, as OpenSearch's is: the parts must
  be words, with the linking "s", "es", "n" or "en" between them).

Measured against the compound splitters on PyPI (the closing note of issue 17):
compound-split loads 353 MB per process and is GPL-3.0; wordfreq's list takes 79 MB and
0.3 s, once per process.
"""

import re
from functools import lru_cache

import Stemmer
from wordfreq import top_n_list

# PyStemmer's Snowball stemmers for the site's languages; Leichte Sprache is German, and
# Ukrainian has none (its words are matched as written).
STEMMERS = {"de": "german", "de-x-ls": "german", "en": "english", "tr": "turkish", "ar": "arabic"}
DEFAULT_LANGUAGE = "de"

# A word, with the gender mark inside it kept: Lots*innen, Lots:innen, Lots_innen, Lots·innen.
WORD = re.compile(r"\w+(?:[*:·]\w+)?")
# Gendered forms: the mark, or the capital I of "LotsInnen" (before lower-casing).
MARKED = re.compile(r"^(?P<base>\w{3,}?)(?:[*:_·](?:in|innen)|In|Innen)$")

COMPOUND_MIN = 8  # words shorter than this are not split
PART_MIN = 4  # nor into parts shorter than this
LINKS = ("", "s", "es", "n", "en")  # Fugenelemente between the parts of a compound
DICTIONARY_SIZE = 100_000
MAX_SPLITS = 4  # equally short splits of one compound kept (kinder|arztpraxen, kinderarzt|praxen)


@lru_cache(maxsize=8)
def stemmer(language):
    return Stemmer.Stemmer(STEMMERS.get(language, STEMMERS[DEFAULT_LANGUAGE]))


@lru_cache(maxsize=1)
def german_words():
    """The 100,000 most frequent German words of wordfreq, long enough to be a part."""
    return frozenset(word for word in top_n_list("de", DICTIONARY_SIZE) if len(word) >= PART_MIN)


@lru_cache(maxsize=50_000)
def compound_parts(word):
    """The parts of a German compound (lower case), or () where it is none: every split into
    the fewest dictionary words, each of at least four letters, linking letters allowed.
    "kinderarztpraxen" splits as kinder|arztpraxen and as kinderarzt|praxen: a family that
    types "Kinderarzt" finds it as one who types "Praxen" does."""
    if len(word) < COMPOUND_MIN:
        return ()
    words = german_words()
    best = {0: [()]}  # position -> the splits with the fewest parts that cover word[:position]
    for start in range(len(word)):
        for split in best.get(start, ()):
            for end in range(start + PART_MIN, len(word) + 1):
                part = word[start:end]
                if part not in words or (start, end) == (0, len(word)):
                    continue
                for link in LINKS:
                    after = end + len(link)
                    if after > len(word) or word[end:after] != link:
                        continue
                    if start == 0 and after == len(word):
                        continue  # the word itself, inflected ("beratungsstelle|n")
                    candidate = (*split, part)
                    known = best.get(after)
                    if not known or len(candidate) < len(known[0]):
                        best[after] = [candidate]
                    elif len(candidate) == len(known[0]) and len(known) < MAX_SPLITS:
                        known.append(candidate)
    splits = [split for split in best.get(len(word), ()) if len(split) > 1]
    return tuple(dict.fromkeys(part for split in splits for part in split))


def _forms(word):
    """The spellings a word stands for (lower case): itself; for a gendered form, the
    feminine singular and the base with and without "e" (Lotsinnen: Lotsin, Lots, Lotse;
    Ärztin: Ärzt, Ärzte, which stem as Arzt does). The second value says which of them are
    the base forms (the ones a compound is looked for in)."""
    marked = MARKED.match(word)
    if marked:
        base = marked.group("base").lower()
        return {base + "in", base, base + "e"}, {base, base + "e"}
    word = word.lower()
    if word.endswith("innen") and len(word) - 5 >= 3:
        base = word[:-5]
    elif word.endswith("in") and len(word) - 2 >= 4:
        base = word[:-2]
    else:
        return {word}, {word}
    return {word, base + "in", base, base + "e"}, {base, base + "e"}


def word_terms(word, language=DEFAULT_LANGUAGE, parts=True):
    """The terms one word is indexed (``parts``: with those of a compound's parts) or
    searched under (without: "Familienzentrum" should not find every "Familien")."""
    german = stemmer(DEFAULT_LANGUAGE)
    own = stemmer(language)
    forms, bases = _forms(word)
    terms = set()
    for form in forms:
        terms.add(own.stemWord(form))
        terms.add(german.stemWord(form))
    if parts:
        terms.add(word.lower())  # as written, for the typo check (``core.search``)
        for base in bases:
            for part in compound_parts(base):
                terms.add(german.stemWord(part))
    return {term for term in terms if term}


def words(text):
    return WORD.findall(text or "")


def text_terms(text, language=DEFAULT_LANGUAGE):
    """Every term of a text (what a page is indexed under)."""
    terms = set()
    for word in words(text):
        terms |= word_terms(word, language)
    return terms


def query_terms(query, language=DEFAULT_LANGUAGE):
    """For each word of a query, the terms that match it: a page matches the query when it
    has one term of every word's set."""
    return [word_terms(word, language, parts=False) for word in words(query)]
