"""Finding rule terms in prose: one compiled regular expression for the terms of a language,
one per pattern rule, then one look-up per word.

All plain terms of a language (and the inflected forms of multi-word terms) form one prefix
tree (``terms.trie_regex``). Terms with a trailing ``*``, and the ``patterns`` of a pattern
rule, make an expression of that rule's own, which only runs on a text holding the words
it needs (``prefilter``); the matches of all expressions are merged as one expression
with named alternatives would find them. The text is normalised (``normalise``) and
lower-cased once. Then every word that no match covers is looked up, once per distinct word,
in a table of inflected forms and, for rules that allow it, split into compound parts
(``morphology``). Only at a match does Python look at the rule's conditions (exact case,
nearby words, exceptions, quotation marks, the accept list).
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import NamedTuple, Sequence

from . import morphology
from .normalise import normalise
from .prefilter import WordGate, needed_sets, needed_strings, spread_alternatives
from .program import compile_program, make_program
from .rules import Names, Rule
from .terms import AFTER, BEFORE, has_wildcard, phrase_pattern, term_key, term_regex, trie_regex

_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
_LOOKED_UP = re.compile(r"[^\W\d_]{3,}(?:['\u2019\-][^\W\d_]+)*")
"""Words the per-word pass looks up (digits and words shorter than three letters never hit)."""
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_CLOSERS = {
    "\u201c": "\u201d",  # “ ”
    "\u201e": "\u201d\u201c",  # „ ” or „ “
    "\u00ab": "\u00bb",  # « »
    "\u2018": "\u2019",  # ‘ ’
}
SHORT_TEXT = 80
"""Texts up to this length are remembered with their hits for the rest of the run."""
_CONTEXT = 120
"""How many characters around a match are searched for exceptions and accepted phrases."""


class Hit(NamedTuple):
    rule: Rule
    start: int
    end: int


class _Conditions:
    """The checks of one rule that run only where its term was found.

    They are compiled on first use: most rules find nothing in a given run, and compiling
    every rule's patterns up front would cost more than checking the text.
    """

    def __init__(self, rule: Rule, names: Names):
        self.rule = rule
        self.names = names

    @cached_property
    def exact(self) -> re.Pattern | None:
        rule = self.rule
        if rule.case != "exact":
            return None
        return re.compile("|".join(rule.patterns or [term_regex(term, fold=False) for term in rule.terms]))

    def _capitalised_as_the_term(self, text: str, start: int) -> bool:
        """An inflected form keeps the capital of its term (Kaukasiërs, not a kaukasisch tapijt)."""
        capital = any(term[:1].isupper() for term in self.rule.terms)
        if text[start].isupper() == capital:
            return True
        return text[start].isupper() and _starts_sentence(text, start)

    @cached_property
    def own_words(self) -> frozenset[str]:
        return frozenset(word for term in self.rule.terms for word in re.findall(r"[^\W\d_]+", term.lower()))

    @cached_property
    def only_near(self) -> re.Pattern | None:
        return phrase_pattern(list(self.rule.only_near))

    @cached_property
    def unless_near(self) -> re.Pattern | None:
        return phrase_pattern(list(self.rule.unless_near))

    @cached_property
    def exceptions(self) -> re.Pattern | None:
        return phrase_pattern(list(self.rule.exceptions))

    def hold(self, text: str, low: str, start: int, end: int, accept: re.Pattern | None, form: bool = False) -> bool:
        """Whether the rule applies to the hit; ``form``: the hit is an inflection or a compound."""
        if self.exact is not None:
            if form and not self._capitalised_as_the_term(text, start):
                return False
            if not form and not _exact_case(self.exact, text, start, end):
                return False
        if self.exceptions is not None and _covered(self.exceptions, low, start, end):
            return False
        if accept is not None and _covered(accept, low, start, end):
            return False
        if self.only_near is not None or self.unless_near is not None:
            nearby = _neighbourhood(low, start, end, self.rule.window)
            # the words of a longer hit count as near (key priorities)
            if self.only_near is not None and not self.only_near.search(nearby + " \u00b7 " + low[start:end]):
                return False
            if self.unless_near is not None and self.unless_near.search(nearby):
                return False
        if self.rule.allow_quoted and _quoted(text, start, end):
            return False
        if self.rule.unless_name and _names_someone(text, start, end, self.own_words, self.names):
            return False
        return True


class Matcher:
    """Finds the terms of a set of rules (one language) in prose."""

    def __init__(self, rules: Sequence[Rule], accept: Sequence[str] = (), lang: str | None = None,
                 names: Names = Names()):
        self._lang = lang or (rules[0].id.split("-")[0] if rules else "en")
        self._names = names
        self._by_key: dict[str, Rule] = {}
        self._by_group: dict[str, Rule] = {}
        self._generated: set[str] = set()
        """Keys of generated forms (checked against the lexicon at a hit, see ``_plausible_form``)."""
        self._form_checks: dict[str, bool] = {}
        self._parts: dict[str, Rule] = {}
        """Forms that count as the first or last part of a compound → rule."""
        self._explicit: set[str] = set()
        self._explicit_keys: set[str] = set()
        self._in_tree: set[str] = set()
        plain: list[str] = []
        extra: dict[str, list[str]] = {}
        for number, rule in enumerate(rules):
            if rule.patterns:  # the terms are then only what the guide shows
                own = [f"(?:{pattern})" for pattern in rule.patterns]  # the text is lower-cased already
            else:
                own = [term_regex(term, fold=True) for term in rule.terms if has_wildcard(term)]
                for term in rule.terms:
                    if not has_wildcard(term):
                        plain.append(term)
                        self._by_key.setdefault(term_key(term), rule)
                        self._explicit.add(term.lower())
                        self._explicit_keys.add(term_key(term))
            if own:
                name = f"r{number}"
                self._by_group[name] = rule
                extra[name] = own
        for rule in rules:
            if not rule.patterns:
                plain.extend(self._add_forms(rule))
        self._bodies = {"t": trie_regex(plain, fold=True)} | {name: "|".join(own) for name, own in extra.items()}
        """Per group: the terms ("t"), or one rule's own expressions ("r<n>"), in the order they are tried."""
        self._patterns = extra
        """Per rule group: its patterns, each gated on its own (``_groups_of``)."""
        self._needs = {f"{name}.{index}": needed_sets(pattern)
                       for name, own in extra.items() for index, pattern in enumerate(own)}
        self._sources: dict[str, str] = {}
        """Per group, the text of its expression (``_expression``), chosen when the rule cache is built."""
        self._programs: dict[str, tuple | None] = {}
        self._conditions = {rule.id: _Conditions(rule, names) for rule in rules}
        self._accepted = tuple(accept)
        self._shortest_part = min((len(part) for part in self._parts), default=0)
        self._words: dict[str, tuple[Rule, bool] | None] = {}
        """Per distinct lower-case word: the rule it hits as a compound, or None."""
        self._capitals: dict[str, bool] = {}
        """Per distinct lower-case word: whether, written with a capital inside a sentence, it is
        still a compound of a flagged word (``_capital_compound``)."""
        self._short: dict[str, tuple[Hit, ...]] = {}
        """Per distinct short text: its hits (the answer depends on nothing but the text)."""
        self._tokens: dict[str, bool] = {}
        """Per distinct white-space-separated token: whether a word in it hits as a compound."""

    # The regular expressions are compiled on first use and left out when the matcher is kept in
    # the rule cache: a compiled expression cannot be stored, and a run needs only its own language.
    def prepare(self) -> None:
        """Make the programs of the expressions, to keep with the matcher in the rule cache."""
        for name, body in self._bodies.items():
            self._sources[name], tree = _expression(body)
            self._programs[name] = make_program(self._sources[name], tree)
        for group, own in self._patterns.items():
            for index, pattern in enumerate(own):
                name = f"{group}:{index}"
                self._sources[name], tree = _expression(pattern)
                self._programs[name] = make_program(self._sources[name], tree)
        self._gate.prepare()

    @cached_property
    def _searches(self) -> dict:
        """Per group, the search for its expression on its own, between word boundaries. Each is
        compiled when a text first needs it: the word gate keeps most pattern rules from ever running."""
        return _Searches(self)

    def _search_of(self, name: str):
        group, _, indices = name.partition(":")
        if "," in indices:  # some of a rule's patterns: "r<n>:<index>,<index>,…"
            return _first_of([self._searches[f"{group}:{index}"] for index in indices.split(",")])
        # one of a rule's patterns ("r<n>:<index>"), or a whole group
        body = self._patterns[group][int(indices)] if indices else self._bodies[name]
        source = self._sources.get(name) or _expression(body)[0]
        return _searcher(compile_program(source, self._programs.get(name)))

    @cached_property
    def _gate(self) -> WordGate:
        """Kept in the rule cache once ``prepare`` has made it."""
        return WordGate(self._needs)

    @cached_property
    def _ignorecase(self) -> re.Pattern:
        """All the expressions in one, for the rare text that changes length when lower-cased."""
        return re.compile(_bounded("|".join(f"(?P<{name}>{body})" for name, body in self._bodies.items())), re.IGNORECASE)

    @cached_property
    def _accept(self) -> re.Pattern | None:
        return phrase_pattern(list(self._accepted))

    @cached_property
    def _candidates(self) -> re.Pattern | None:
        return self._candidate_words()

    @cached_property
    def _candidate_strings(self) -> frozenset[str] | None:
        """Strings one of which every match of ``_candidates`` holds: the parts themselves."""
        if self._candidates is None:
            return None
        return needed_strings("|".join(re.escape(part) for part in self._parts))

    def __getstate__(self) -> dict:
        compiled = ("_searches", "_ignorecase", "_accept", "_candidates", "_candidate_strings")
        building = ("_explicit_keys", "_in_tree")  # only needed while the forms are registered
        learnt = {"_words": {}, "_short": {}, "_tokens": {}, "_capitals": {}}  # what a run learns is not kept
        return {key: value for key, value in self.__dict__.items() if key not in compiled + building} | learnt

    def _add_forms(self, rule: Rule) -> list[str]:
        """Register the inflected forms and compound parts of ``rule``; return new multi-word variants."""
        variants: list[str] = []
        words_of = [term.lower() for term in rule.terms if not has_wildcard(term)]
        for part in rule.parts:
            for form in morphology.inflections(part.lower(), self._lang):
                self._parts.setdefault(form, rule)
        if not rule.inflect and not rule.compounds:
            return variants
        for term in words_of:
            pieces = term.split(" ")
            if len(pieces) == 1 and term.isalpha():
                forms = morphology.inflections(term, self._lang) if rule.inflect else {term}
                for form in forms:
                    if form in self._explicit or form in self._in_tree:
                        continue
                    key = term_key(form)  # "woordvoerster's" and "woordvoersters" share a key
                    if self._by_key.setdefault(key, rule) is rule:
                        self._in_tree.add(form)
                        if key not in self._explicit_keys:
                            self._generated.add(key)
                        variants.append(form)
                if rule.compounds:
                    for form in morphology.inflections(term, self._lang, verb=False) if rule.inflect else {term}:
                        if len(form) >= 4:
                            self._parts.setdefault(form, rule)
            elif len(pieces) > 1 and rule.inflect:
                # the first word may be a verb (suffers from, lijdt aan), the last a noun (slave owners)
                choices = ((0, morphology.inflections), (len(pieces) - 1, morphology.plurals))
                for index, make in choices:
                    if not pieces[index].isalpha() or len(pieces[index]) <= 3:
                        continue  # the, een, aan: function words do not inflect here
                    for form in make(pieces[index], self._lang) - {pieces[index]}:
                        if form in self._explicit:
                            continue  # another rule's own word (transgendered) is not this rule's form
                        variant = " ".join(pieces[:index] + [form] + pieces[index + 1:])
                        if term_key(variant) not in self._by_key:
                            self._by_key[term_key(variant)] = rule
                            variants.append(variant)
        return variants

    def find(self, text: str) -> list[Hit]:
        """Every place in ``text`` where a rule applies, as offsets in ``text`` itself."""
        seen = normalise(text)
        if seen.starts is None:
            return self.find_normalised(text)
        return [Hit(hit.rule, seen.source_start(hit.start), seen.source_end(hit.end))
                for hit in self.find_normalised(seen.text)]

    def find_normalised(self, text: str) -> list[Hit]:
        """Every place in already normalised ``text`` where a rule applies, left to right, not overlapping."""
        if len(text) > SHORT_TEXT:
            return self._find(text)
        # headings, table cells, list items and data labels come back again and again
        known = self._short.get(text)
        if known is None:
            if len(self._short) > 100_000:
                self._short.clear()
            known = self._short[text] = tuple(self._find(text))
        return list(known)

    def _find(self, text: str) -> list[Hit]:
        low = text.lower()
        if len(low) == len(text):
            searches = self._searches
            # the terms first, then each rule's patterns whose needed words the text holds
            next_match = _earliest([(searches[name], name) for name in ("t", *self._groups_of(self._gate.active(low)))], low)
        else:  # a few characters change length when lower-cased: search the text itself, ignoring case
            low = text
            next_match = _earliest([(self._ignorecase.search, None)], low)
        hits: list[Hit] = []
        position = 0
        while True:
            candidates = next_match(position)
            if not candidates:
                break
            start = candidates[0][1].start()
            # a candidate that fails its conditions must not hide another rule's match at the
            # same place, so the candidates at this start are tried in turn
            for group, found in candidates:
                hit = self._hit(text, low, group, found)
                if hit is not None:
                    hits.append(hit)
                    # a pattern can span a clause; the words inside it may still hit rules of their own
                    position = start + 1 if hit.rule.patterns else hit.end
                    break
            else:
                position = start + 1
        if self._parts:
            hits = self._word_hits(text, low, hits)
        return hits

    def _groups_of(self, active: tuple[str, ...]) -> list[str]:
        """The groups to search, in order, from the patterns the word gate lets through
        ("r<n>.<index>"): a rule whose every pattern may match is searched whole ("r<n>"), one with
        only some of them as those alone ("r<n>:<index>,…"). That finds the same matches: a
        pattern the gate leaves out cannot match anywhere in the text, so in the alternation of
        the rule's patterns it never matches either."""
        chosen: dict[str, list[str]] = {}
        for name in active:
            group, index = name.split(".")
            chosen.setdefault(group, []).append(index)
        return [group if len(indices) == len(self._patterns[group]) else f"{group}:{','.join(indices)}"
                for group, indices in chosen.items()]

    def _hit(self, text: str, low: str, group: str, found: re.Match) -> Hit | None:
        """The hit of one match of the terms ("t") or of a rule's own expression, or None when
        no rule's conditions hold there."""
        start, end = found.span()
        generated = False
        if group == "t":
            key = term_key(found.group())
            rule = self._by_key.get(key)
            generated = key in self._generated
            if generated and rule is not None and not self._form_ok(key, rule):
                return None
        else:
            rule = self._by_group.get(group.split(":")[0])
        if rule is not None and self._conditions[rule.id].hold(text, low, start, end, self._accept, form=generated):
            return Hit(rule, start, end)
        return None

    def _word_hits(self, text: str, low: str, hits: list[Hit]) -> list[Hit]:
        """Add the hits of compounds, for words no other hit covers (each distinct word is
        analysed once per matcher)."""
        if self._candidates is not None:
            for string in self._candidate_strings or ("",):
                if string in low:
                    break
            else:
                return hits  # cheaper than the search below, which cannot match without one of them
            if self._candidates.search(low) is None:
                return hits
        words = self._words
        taken = [(hit.start, hit.end) for hit in hits if not hit.rule.patterns]
        added: list[Hit] = []
        for start, end, word in self._words_to_analyse(low):
            entry = words.get(word, False)
            if entry is False:
                entry = words[word] = self._analyse(word)
            if entry is None:
                continue
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            if text[start].isupper() and not _starts_sentence(text, start) and not self._capital_compound(word):
                continue  # a name (Newman, Freeman, Blankenberge), not a compound of a flagged word
            rule = entry[0]
            if self._conditions[rule.id].hold(text, low, start, end, self._accept, form=True):
                added.append(Hit(rule, start, end))
        if not added:
            return hits
        return sorted(hits + added, key=lambda hit: hit.start)

    def _analyse(self, word: str) -> tuple[Rule, bool] | None:
        """The rule a word hits through its form or as a compound, or None."""
        if word in self._explicit:
            return None  # the prefix tree finds it (and its conditions decide)
        bare = _POSSESSIVE.sub("", word)
        pieces = [piece for piece in morphology.HYPHENS.split(bare) if piece]
        if len(pieces) > 1:
            return self._hyphenated(pieces)
        if not self._parts or len(bare) < self._shortest_part + morphology.MIN_PART:
            return None
        split = morphology.split_compound(bare, self._lang, self._parts, self._shortest_part,
                                          lambda rule: not self._excepted(rule, bare))
        return (split[0], True) if split else None

    def _capital_compound(self, word: str) -> bool:
        """Whether ``word``, written with a capital inside a sentence, is still a compound of a
        flagged word rather than a name.

        Dutch keeps the capital of a people's name inside a compound (Eskimovrouw,
        Zigeunermuziek, Hottentottenschort), so a word that opens with a flagged part followed by
        a real word counts, unless it ends like the name of a place, street or family
        (``name_endings``: Blankenberge, Slavenburg, Jodenbreestraat). A word that only ends in a
        flagged part has the capital of its first part, as names do (Newman, Timmerman). English
        rarely builds closed compounds on a people's name, and its capitalised words with a
        flagged ending are names (Freeman), so in English the capital always means a name."""
        known = self._capitals.get(word)
        if known is None:
            known = self._capitals[word] = self._opens_with_part(word)
        return known

    def _opens_with_part(self, word: str) -> bool:
        if not morphology.part_may_open(self._lang):
            return False
        bare = _POSSESSIVE.sub("", word)
        if morphology.HYPHENS.search(bare) or bare.endswith(self._names.name_endings):
            return False  # a hyphenated word's flagged piece is a term of its own, found as one
        split = morphology.split_compound(bare, self._lang, self._parts, self._shortest_part,
                                          lambda rule: not self._excepted(rule, bare), last=False)
        return split is not None

    def _excepted(self, rule: Rule, word: str) -> bool:
        """Whether one of the rule's exceptions is this very word (checked before the dictionary loads)."""
        exceptions = self._conditions[rule.id].exceptions
        return exceptions is not None and exceptions.fullmatch(word) is not None

    def _hyphenated(self, pieces: list[str]) -> tuple[Rule, bool] | None:
        """man-hours, slaven-handel: a flagged part beside a real word."""
        for index, piece in enumerate(pieces):
            rule = self._parts.get(piece) or self._by_key.get(term_key(piece))
            if rule is None:
                continue
            others = pieces[:index] + pieces[index + 1:]
            if any(morphology.lexicon(self._lang).known(other) for other in others):
                return rule, True
        return None

    def _candidate_words(self) -> re.Pattern | None:
        """None where parts may open a compound (Dutch: every word is worth a look); else a
        pattern for the parts at the end of a word or beside a hyphen (English), which is far
        cheaper to search for than every word."""
        if morphology.part_may_open(self._lang) or not self._parts:
            return None
        parts = sorted(self._parts, key=lambda part: len(re.escape(part)), reverse=True)
        # ``(?:a|b)(?!x)|(?<!y)(?:a|b)-z`` written out per part, each alternative opening with the
        # part's first letter (the test before the part follows that letter), so that the regex
        # engine skips ahead to the places where a part can start instead of trying every character
        ends = [rf"{re.escape(part)}(?![^\W_])" for part in parts]
        starts = [rf"{re.escape(part[0])}(?<![^\W_]{re.escape(part[0])}){re.escape(part[1:])}[\-\u2010\u2011][^\W\d_]"
                  for part in parts]
        return re.compile("|".join(ends + starts))

    def _words_to_analyse(self, low: str) -> list[re.Match] | list[tuple[int, int, str]]:
        """(start, end, word) of the words worth a compound analysis."""
        if self._candidates is None:
            # A word never spans white space, so the words of the text are those of its tokens;
            # splitting is far cheaper than searching for words, and most tokens come back often.
            tokens = self._tokens
            hit = False
            for token in set(low.split()):
                found = tokens.get(token)
                if found is None:
                    found = self._token_hits(token)
                hit = hit or found
            if not hit:
                return []
            words = self._words
            return [(found.start(), found.end(), found.group()) for found in _LOOKED_UP.finditer(low)
                    if words[found.group()] is not None]
        words = []
        for found in self._candidates.finditer(low):
            word = _LOOKED_UP.match(low, _word_start(low, found.start()))
            if word is not None and word.end() >= found.end() - 1:
                words.append((word.start(), word.end(), word.group()))
        return words

    def _token_hits(self, token: str) -> bool:
        """Whether a word in ``token`` hits as a compound (each distinct word analysed once)."""
        if len(self._tokens) > 200_000:  # a bound on memory for very long runs; it is only a cache
            self._tokens.clear()
        words = self._words
        hit = False
        for word in _LOOKED_UP.findall(token):
            entry = words.get(word, False)
            if entry is False:
                entry = words[word] = self._analyse(word)
            hit = hit or entry is not None
        self._tokens[token] = hit
        return hit

    def _form_ok(self, key: str, rule: Rule) -> bool:
        found = self._form_checks.get(key)
        if found is None:
            found = self._form_checks[key] = self._plausible_form(key, rule)
        return found

    def _plausible_form(self, form: str, rule: Rule) -> bool:
        """A generated form counts unless the dictionary knows it as a form of another word
        (Dutch negeren is to ignore, not a plural)."""
        words = morphology.lexicon(self._lang)
        if not words.known(form):
            return True
        lemma = words.lemma(form)
        return any(lemma == term.lower() or words.lemma(term.lower()) == lemma for term in rule.terms) \
            or any(lemma.startswith(term.lower()[: max(3, len(term) - 2)]) for term in rule.terms)


class _Searches(dict):
    """Group name → its search, made on first use (``Matcher._search_of``)."""

    def __init__(self, matcher: Matcher):
        super().__init__()
        self._matcher = matcher

    def __missing__(self, name: str):
        search = self[name] = self._matcher._search_of(name)
        return search


def _bounded(body: str) -> str:
    """``body`` as whole words only."""
    return BEFORE + "(?:" + body + ")" + AFTER


_AT_WORD_START = re.compile(BEFORE)


MAX_OPENING_LETTERS = 11
"""The most letters that may open the matches of an expression searched from its letters. Where
more letters open them (the terms of a language open with nearly every letter), the engine finds
one of them at almost every letter of the text and starts a match there; the test in front then
costs less, as it fails at once inside a word and lets only the starts of words through. (Measured
on the benchmark's pages: rule patterns opened by up to 11 letters are found sooner from their
letters; the terms, opened by 25 letters, take almost twice as long so.)"""


def _expression(body: str) -> tuple[str, object | None]:
    """The expression of a group, and the parse tree to compile it from (None: its text).

    One whose every match opens with one of a few fixed letters (``the\\s+…``,
    ``(?:varen|gevaren)\\s+…``, see ``spread_alternatives``) leaves the test before a match
    (``BEFORE``) to ``_searcher``: without a test in front, the regex engine jumps from one place
    where such a letter stands to the next, instead of trying the test at every character."""
    spread = spread_alternatives("(?:" + body + ")" + AFTER)
    if spread is not None and len(spread[1]) <= MAX_OPENING_LETTERS:
        return "(?:" + body + ")" + AFTER, spread[0]
    return _bounded(body), None


def _searcher(pattern: re.Pattern):
    """``pattern.search``; for an expression that ``_expression`` left without its test in front,
    a search that makes that test at each match and searches on from the next character where it
    fails. That finds the match the expression with the test would find: the test is zero-width
    and only looks back, so it changes nothing about the match at a place where it holds."""
    if pattern.pattern.startswith(BEFORE):
        return pattern.search

    def search(text: str, position: int) -> re.Match | None:
        while True:
            found = pattern.search(text, position)
            if found is None or _AT_WORD_START.match(text, found.start()) is not None:
                return found
            position = found.start() + 1

    return search


def _first_of(searches: list):
    """A search for the alternation of some patterns, from the searches of each: the match that
    starts first, and of those that start at the same place the one of the pattern listed first.
    That is the match the alternation finds: at the first place where any of its patterns
    matches, it takes the first of them that matches there, as that pattern alone would."""

    def search(text: str, position: int) -> re.Match | None:
        best = None
        for each in searches:
            found = each(text, position)
            if found is not None and (best is None or found.start() < best.start()):
                if found.start() == position:
                    return found  # nothing can start sooner
                best = found
        return best

    return search


def _earliest(streams: list[tuple[object, str | None]], low: str):
    """A function that gives, for a position in ``low``, the matches that start first at or
    after it, one per search in ``streams`` that has one there, each with the name of its
    group, in the order of ``streams``; an empty list when none is left.

    The first of them is what one expression made of them all (``(?P<a>…)|(?P<b>…)``) would
    find; the others are the matches that expression would hide. Each stream's next match is
    kept until the position passes it, so each expression searches the text once. A stream
    named None takes the name of the group that matched inside it.
    """
    if len(streams) == 1:
        search, name = streams[0]

        def only(position: int) -> list[tuple[str, re.Match]]:
            found = search(low, position)
            return [] if found is None else [(name or found.lastgroup, found)]

        return only
    ahead: list[re.Match | bool | None] = [None] * len(streams)  # False: no match any more

    def first(position: int) -> list[tuple[str, re.Match]]:
        best: list[tuple[str, re.Match]] = []
        for index, (search, name) in enumerate(streams):
            found = ahead[index]
            if found is False:
                continue
            if found is None or found.start() < position:
                found = ahead[index] = search(low, position) or False
                if found is False:
                    continue
            if not best or found.start() < best[0][1].start():
                best = [(name, found)]
            elif found.start() == best[0][1].start():
                best.append((name, found))
        return best

    return first


def _word_start(low: str, position: int) -> int:
    """Where the word around ``position`` starts (letters, apostrophes and hyphens inside it)."""
    while position > 0 and (low[position - 1].isalpha() or low[position - 1] in "'\u2019-\u2010\u2011"):
        position -= 1
    return position


def _exact_case(pattern: re.Pattern, text: str, start: int, end: int) -> bool:
    """Whether the hit has the rule's capitals; a capital that only starts a sentence is ignored."""
    if pattern.fullmatch(text, start, end):
        return True
    if not text[start].isupper() or not _starts_sentence(text, start):
        return False
    return pattern.fullmatch(text[start].lower() + text[start + 1 : end]) is not None


def _starts_sentence(text: str, position: int) -> bool:
    before = text[max(0, position - 40) : position].rstrip().rstrip("\"'\u201c\u2018\u201e(")
    return not before or before[-1] in ".!?\u2026:"


def _covered(pattern: re.Pattern, low: str, start: int, end: int) -> bool:
    """Whether some match of ``pattern`` near the hit contains the whole hit."""
    for found in pattern.finditer(low, max(0, start - _CONTEXT), min(len(low), end + _CONTEXT)):
        if found.start() <= start and found.end() >= end:
            return True
        if found.start() > start:
            break
    return False


def _neighbourhood(low: str, start: int, end: int, words: int) -> str:
    """Up to ``words`` words before and after the hit (the hit itself left out)."""
    reach = 30 * words
    before = _WORD.findall(low, max(0, start - reach), start)[-words:]
    after = _WORD.findall(low, end, end + reach)[:words]
    return (" ".join(before) + " \u00b7 " + " ".join(after)).lower()


_NAME = re.compile(r"(?<![.!?:\u2026]\s)(?<![.!?:\u2026])\s+(?!I\b)[A-Z][a-z\u00e0-\u00ff]+")


def _names_someone(text: str, start: int, end: int, own: frozenset[str], names: Names) -> bool:
    """Whether a capitalised word, not at the start of a sentence and not one of the rule's own
    words (``own``, lower case), stands in the hit or right after it. A common word written with
    a capital (``names``: Dutch Surinaamse, Nederlands, Gouden Eeuw) names nobody where it ends
    the hit or follows it ("zijn Nederlandse pas"); earlier in a hit that spans a clause it
    still counts, as "de Delftse pottenbakker … zijn" is about one potter whose name is left out."""
    after = _NAME.match(text, end)
    if after is not None and not _common_capital(after.group().strip().lower(), names):
        return True
    hit = text[start:end]
    return any(word not in own and not (found.end() == len(hit) and _common_capital(word, names))
               for found in _NAME.finditer(hit) for word in (found.group().strip().lower(),))


def _common_capital(word: str, names: Names) -> bool:
    """Whether a capitalised word (in lower case here) is a word of origin, language, religion,
    period or event rather than a name."""
    return word in names.common_words or (len(word) >= names.common_from and word.endswith(names.common_endings))


def _in_straight_single_quotes(text: str, start: int, end: int) -> bool:
    """Whether the hit stands inside typewriter single quotes ('natives', 'a parade of savages').
    The same character is also an apostrophe (the museum's, the artists' work, rock 'n' roll), so
    a quote only opens before a letter where no letter precedes it, only closes after a letter or
    a mark where no letter follows it, and the two must enclose the hit within one sentence."""
    before = text[max(0, start - _QUOTE_REACH) : start]
    opening = None
    for found in _SINGLE_QUOTE.finditer(before):
        at = found.start()
        if _opens_quote(before, at, hit_starts_here=at == len(before) - 1):
            opening = at
        elif _closes_quote(before, at):
            opening = None
    if opening is None or _SENTENCE_END.search(before, opening):
        return False
    after = text[end : end + _QUOTE_REACH]
    for found in _SINGLE_QUOTE.finditer(after):
        at = found.start()
        if _SENTENCE_END.search(after, 0, at):
            return False
        if _closes_quote(after, at, hit_ends_here=at == 0):
            return True
        if _opens_quote(after, at):
            return False
    return False


_SINGLE_QUOTE = re.compile("'")
_SENTENCE_END = re.compile(r"[.!?]\s")
_QUOTE_REACH = 120
"""How far before and after a hit a typewriter quote that encloses it is looked for."""


def _opens_quote(text: str, at: int, hit_starts_here: bool = False) -> bool:
    letter_after = hit_starts_here or (at + 1 < len(text) and text[at + 1].isalpha())
    return (at == 0 or not text[at - 1].isalnum()) and letter_after


def _closes_quote(text: str, at: int, hit_ends_here: bool = False) -> bool:
    letter_before = hit_ends_here or (at > 0 and (text[at - 1].isalnum() or text[at - 1] in ".,!?;:"))
    return letter_before and (at + 1 == len(text) or not text[at + 1].isalnum())


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether the hit stands between quotation marks (a title or a quotation)."""
    before = text[max(0, start - 200) : start]
    after = text[end : end + 200]
    if before.count('"') % 2 == 1 and '"' in after:
        return True
    if _in_straight_single_quotes(text, start, end):
        return True
    for opening, closers in _CLOSERS.items():
        at = before.rfind(opening)
        if at == -1 or any(closer in before[at + 1 :] for closer in closers if closer != opening):
            continue
        if any(closer in after for closer in closers):
            return True
    return False
