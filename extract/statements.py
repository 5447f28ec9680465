"""Typed statements: mission, values, guidelines, aims, principles, goals, actions, results, targets.

The rules read structure, never a document's own goal texts:

1. A *cue heading* ("Valtuustokauden tavoitteet", "Gemensamma mål", "Hur vi
   förnyar oss", "Arvomme", "Järjestämisen periaatteet", …, listed per language
   in :mod:`extract.lang`) types the items of its region: list items below a
   goal, action, result or target heading; short phrases or one-sentence
   paragraphs below a value, mission, guideline, aim or principle heading. A
   region runs to the end of the cue's sheet (its page, or its chapter where
   chapters run on over pages: :mod:`extract.sheets`), and over the next sheet
   when the cue ends its own. On a page laid out bottom-up (the cue among its last
   units, none among its first) the cue types the items above it, from the page
   before too when its page opens mid-section.
2. Sentences that state the basic task ("Perustehtävämme on …") are missions;
   "arvomme X, Y ja Z" gives values.
3. A strategy summary page (a house or wheel of short statements, no cue) gives
   the vision and the themes around it by its geometry (:mod:`extract.summary_pages`);
   without one, a run of headline boxes all in one voice but one gives them by
   that voice (:mod:`extract.summary_runs`).
4. A page that carries a guideline as its running title and holds no list is
   a guideline spread: its other one-sentence paragraphs are the guideline's
   aims. Items get the guideline, principle or promise they stand under as
   parent, read in reading order over page breaks (:func:`extract.typed_statements.with_parents`).
5. An un-cued bullet list whose every item states an effect ("… paranevat") lists impact goals.
6. A goal or target whose text holds a threshold becomes a measurable target.

The same text typed twice in one document is kept once (the first, by rule order).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from itertools import takewhile
from typing import Iterable, Mapping, Optional, Sequence

from extract.clean.normalize import match_key
from extract.cues import Cue, read_cue
from extract.lang import fi, sv
from extract.records import SourceDocument, Statement
from extract.sheets import chapter_level, opens_sheet, sheets
from extract.structure import Unit, heading_text
from extract.summary_pages import summary_statements
from extract.summary_runs import run_statements
from extract.targets import parse_targets
from extract.title_rows import title_rows
from extract.typed_statements import Typed, as_printed_in_sentence_case, dedupe, with_parents

LANGS = {"fi": fi, "sv": sv}
LIST_KINDS = ("goal", "action", "result", "target", "impact")
PHRASE_KINDS = ("value", "principle")
SENTENCE_KINDS = ("mission", "vision", "guideline", "aim", "promise")
STATEMENT_ORDER = ("mission", "vision", "value", "guideline", "aim", "principle", "promise") + LIST_KINDS
ITEM_MAX_WORDS = 25
SENTENCE_MIN_WORDS = 6  # a heading this long between statements is a statement set without its full stop
BOX_WIDTH_GAP = 1.5  # ratio of line widths that tells a text column from narrow boxes
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")
_URL = re.compile(r"https?://|www\.|\.fi\b|\.se\b|\.com\b")



def sentences(text: str) -> list[str]:
    """Split running text into sentences (at . ! ? followed by a capital)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def type_statements(
    units: Sequence[Unit], labels: Optional[Mapping[Optional[int], frozenset[str]]] = None
) -> tuple[list[Typed], set[int]]:
    """Apply the rules; return typed statements in document order and the demoted heading units.

    :param units: a document's units from :func:`extract.structure.build_units`
    :param labels: per page, the match keys of the text set apart beside its body (running
        titles, rotated sidebars; see :func:`page_labels`): a guideline named there heads the page
    """
    labels = labels or {}
    found: list[Typed] = []
    demoted: set[int] = set()
    for cue, region in _cue_regions(units):
        strength = 3 if cue.single else 2
        found.extend(replace(t, strength=strength) for t in _items(cue, region, demoted))
    found.extend(_promise_titles(units))
    summary = _summary_page(units, demoted, frozenset(t.unit.index for t in found))
    found.extend(summary)
    found.extend(_mission_sentences(units))
    found.extend(_inline_values(units))
    found.extend(_impact_bullets(units, {t.unit.index for t in found}))
    found = _aims_that_head_goals(units, found)
    guidelines = [t for t in dedupe(found) if t.kind == "guideline"]  # not a text another typing outweighs
    summary_pages = {t.unit.page for t in summary}  # their other text (a base, a title) is no aim of a theme
    taken = {t.unit.index for t in found} | {u.index for u in units if u.page in summary_pages}
    found.extend(_spread_aims(units, guidelines, taken, labels))
    rows = title_rows(units)  # a row of titles set on one line is none of them
    found = dedupe(sorted((t for t in found if t.unit.index not in rows), key=lambda t: (t.unit.index, t.text)))
    return with_parents(units, as_printed_in_sentence_case(units, found), labels), demoted


def _cue_regions(units: Sequence[Unit]) -> Iterable[tuple[Cue, list[Unit]]]:
    pages = sheets(units)
    chapters = chapter_level(units)
    order = list(pages)
    for p, page_key in enumerate(order):
        page = pages[page_key]
        cues = [(i, cue) for i, u in enumerate(page) if u.role == "heading" and (cue := read_cue(u.text))]
        if not cues:
            continue
        following = _until_cue(pages[order[p + 1]]) if p + 1 < len(order) else []
        continued = bool(following) and following[0].role == "list_item"
        first, last = cues[0][0], cues[-1][0]
        # a heading ranking below the last cue atop the next page: that cue's section goes on there
        runs_on = bool(following) and following[0].role == "heading" and _ranks_below(following[0], page[last])
        nothing_after = not any(_is_item(u) for u in page[last + 1 :]) and not continued and not runs_on
        nxt = pages[order[p + 1]] if p + 1 < len(order) else []
        opens_chapter = bool(nxt) and nxt[0].role == "heading" and read_cue(nxt[0].text) is not None
        if len(cues) == 1 and first == 0 and nothing_after and p > 0 and not following and not opens_chapter:
            # a cue alone at the top of a page, after the items it closes on the page before
            yield cues[0][1], _after_last_cue(pages[order[p - 1]])
            continue
        if _series_around_cue(page, cues):
            # boxes continued over slides, the cue on a later one: it names the whole series
            yield cues[0][1], page[:first] + page[first + 1 :]
            continue
        if first >= 2 and nothing_after and not cues[-1][1].single:
            # a page laid out bottom-up: each cue follows the items it announces; a page that opens
            # mid-section (no heading atop it) holds the end of items that began on the page before
            # (a numbered singular cue ending the page names the next page's first item instead)
            start = 0
            for i, cue in cues:
                before = _after_last_cue(pages[order[p - 1]]) if not start and p > 0 and page[0].role != "heading" else []
                yield cue, before + page[start:i]
                start = i + 1
            continue
        for n, (i, cue) in enumerate(cues):
            end = cues[n + 1][0] if n + 1 < len(cues) else len(page)
            region = page[i + 1 : end]
            if cue.single:
                region = (region or following)[:1]  # a cue that ends its page names the next page's first item
            elif n + 1 == len(cues) and (not any(_is_item(u) for u in region) or _titles_go_on(cue, following)
                                         or runs_on):
                # the list goes on over the page break (a next page's title only ends it for titled kinds,
                # or where it ranks below the cue)
                region = region + _next_page_items(following, cue, chapters, page[i])
            elif n + 1 == len(cues) and region and region[-1].role == "list_item" and continued:
                # the page ends inside the list and the next page opens with its last items
                region = region + list(takewhile(lambda u: u.role == "list_item", following))
            yield cue, region


def _summary_page(units: Sequence[Unit], demoted: set[int], typed: frozenset[int]) -> list[Typed]:
    """The vision and themes of strategy summary pages, read from their geometry (:mod:`extract.summary_pages`)
    and, where it shows no house or wheel, from their runs of headline boxes (:mod:`extract.summary_runs`)."""
    by_geometry = summary_statements(units)
    pages = {u.page for u, _, _ in by_geometry}
    by_runs = run_statements(units, typed | {u.index for u in units if u.page in pages})
    out = []
    for standalone, read in ((False, by_geometry), (True, by_runs)):
        for unit, kind, why in read:
            if unit.role == "heading":
                demoted.add(unit.index)
            out.append(Typed(unit, kind, heading_text(unit.text), rule=why, strength=3, standalone=standalone))
    return sorted(out, key=lambda t: t.unit.index)


def _series_around_cue(page: list[Unit], cues: list[tuple[int, Cue]]) -> bool:
    """A run of continuation pages whose one cue (of titled items: principles, values) stands amid
    the series it names: headings of the level of those after it also stand before it, no list."""
    if len(cues) != 1 or len({u.page for u in page}) < 2 or not any(k in PHRASE_KINDS for k in cues[0][1].kinds):
        return False
    i = cues[0][0]
    after = [u.level for u in page[i + 1 :] if u.role == "heading"]
    before = [u.level for u in page[:i] if u.role == "heading"]
    return bool(after) and before.count(after[0]) >= 2 and not any(u.role == "list_item" for u in page)


def _promise_titles(units: Sequence[Unit]) -> list[Typed]:
    """In a document that names change promises, the title of each page that holds both
    an action and a result heading is a promise (its why, how and results follow it).

    A page that opens with no title of its own (with text, or with a cue heading) goes on with
    the page before when that one lacks one of the two: in a small format a promise's results are
    printed on the page after its title.
    """
    cues = {u.index: read_cue(u.text) for u in units if u.role == "heading"}
    if not any(c and "promise" in c.kinds for c in cues.values()):
        return []

    def kinds(run: list[Unit]) -> set[str]:
        return {k for u in run if (c := cues.get(u.index)) for k in c.kinds}

    runs: list[list[Unit]] = []
    for sheet in sheets(units).values():
        titled = sheet[0].role == "heading" and not cues.get(sheet[0].index)
        if runs and not titled and not {"action", "result"} <= kinds(runs[-1]):
            runs[-1] += sheet
        else:
            runs.append(list(sheet))
    out = []
    for page in runs:
        if not {"action", "result"} <= kinds(page):
            continue
        titles = [u for u in (page[0], page[-1]) if u.role == "heading" and not cues.get(u.index)]
        if titles:
            title = titles[0]
            out.append(Typed(title, "promise", heading_text(title.text), rule="title of a page with actions and results", strength=3))
    return out


def _until_cue(units: list[Unit]) -> list[Unit]:
    out = []
    for unit in units:
        if unit.role == "heading" and read_cue(unit.text):
            break
        out.append(unit)
    return out


def _next_page_items(following: list[Unit], cue: Cue, chapters: Optional[int], cue_unit: Unit) -> list[Unit]:
    """The start of the next sheet that a cue's list may run into: up to its title, unless the items are titles
    or that title ranks below the cue heading ``cue_unit`` (a box title under the cue, printed atop the next
    page); none when it opens with a table (its title may stand in the table's first row) (``chapters``: the
    chapter level where pages run on, see :mod:`extract.sheets`)."""
    if following and following[0].role == "table":
        return []
    if any(k in PHRASE_KINDS for k in cue.kinds):
        return following
    if not following or not opens_sheet(following[0], chapters):
        return following
    if _ranks_below(following[0], cue_unit):  # the cue's section goes on up to a heading of its rank
        return following[:1] + list(takewhile(lambda u: u.role != "heading" or _ranks_below(u, cue_unit), following[1:]))
    return []


def _ranks_below(heading: Unit, cue_unit: Unit) -> bool:
    """True when ``heading`` has a deeper level than the cue heading ``cue_unit``."""
    return heading.level is not None and cue_unit.level is not None and heading.level > cue_unit.level


def _titles_go_on(cue: Cue, following: list[Unit]) -> bool:
    """True when a list of titled items (values, principles) that ends its page goes on atop the next page:
    that page opens with no title of its own, with a heading below the title level (the next item)."""
    return (any(k in PHRASE_KINDS for k in cue.kinds) and bool(following)
            and following[0].role == "heading" and (following[0].level or 1) > 1)


def _after_last_cue(units: list[Unit]) -> list[Unit]:
    """The units of a page after its last cue heading (all of them where it has none)."""
    cues = [i for i, u in enumerate(units) if u.role == "heading" and read_cue(u.text)]
    return units[cues[-1] + 1 :] if cues else units


def _is_item(unit: Unit) -> bool:
    return unit.role == "list_item" or unit.role in ("heading", "paragraph") and _is_short_statement(unit)


def _kind_for(cue: Cue, unit: Unit) -> str:
    """A list item takes the cue's list kind, a statement its statement kind (the first named)."""
    wanted = LIST_KINDS if unit.role == "list_item" else tuple(k for k in STATEMENT_ORDER if k not in LIST_KINDS)
    return next((k for k in cue.kinds if k in wanted), cue.kinds[0])


def _items(cue: Cue, region: list[Unit], demoted: set[int]) -> list[Typed]:
    out: list[Typed] = []
    lists = any(u.role == "list_item" for u in region)
    skipped = (set() if lists else _running_text(region) | _introduction(cue, region)) | _subtitles(region)
    for at, unit in enumerate(region):
        if unit.index in skipped:
            continue
        kind = _kind_for(cue, unit)
        if unit.role == "list_item" and kind in LIST_KINDS + SENTENCE_KINDS:
            out.append(Typed(unit, kind, unit.text, unit.number, rule=f"list under {kind} heading"))
        elif kind in LIST_KINDS and not lists and _is_box_statement(unit):
            out.append(Typed(unit, kind, unit.text, rule=f"statement under {kind} heading, no list"))
        elif kind in LIST_KINDS and not lists and _unstopped_statement(region, at, skipped):
            demoted.add(unit.index)
            out.append(Typed(unit, kind, unit.text, rule=f"statement without full stop under {kind} heading, no list"))
        elif kind in PHRASE_KINDS and unit.role == "heading":
            demoted.add(unit.index)
            out.append(Typed(unit, kind, heading_text(unit.text), rule=f"phrase under {kind} heading"))
        elif kind == "value" and unit.role == "paragraph":
            out.extend(Typed(unit, "value", v, rule="enumeration under value heading") for v in _enumeration(unit.text))
        elif kind == "promise" and unit.text.rstrip()[-1:] in ".!?":
            continue  # a promise is a title, not a sentence about the promises
        elif kind in SENTENCE_KINDS and unit.role in ("heading", "paragraph") and _is_short_statement(unit):
            if unit.role == "heading":
                demoted.add(unit.index)
            out.append(Typed(unit, kind, heading_text(unit.text), rule=f"statement under {kind} heading"))
    if cue.kinds == ("mission",):
        out = out[:1]  # a mission heading titles the one mission, the text after it explains it
    return _measured(out)


def _running_text(region: list[Unit]) -> set[int]:
    """Paragraphs set in the page's text column beside statements set in narrow boxes.

    Widths (characters per line) are compared inside the region only: where
    they fall into two groups with a gap of at least :data:`BOX_WIDTH_GAP`
    between them, the wide group is running text around the boxes.
    """
    widths = sorted({u.chars_per_line for u in region if u.role == "paragraph" and u.chars_per_line})
    if len(widths) < 2:
        return set()
    gap, cut = max((b / a, b) for a, b in zip(widths, widths[1:]) if a > 0)
    if gap < BOX_WIDTH_GAP:
        return set()
    return {u.index for u in region if u.role == "paragraph" and u.chars_per_line >= cut}


def _introduction(cue: Cue, region: list[Unit]) -> set[int]:
    """The paragraphs that introduce a list heading's statements set under a title of their own.

    Under a goal, action, result or target heading with no list, where the
    paragraphs are followed by a heading that names no kind ("Lue lisää
    tavoitteista …", a box title) and at least two statements stand under
    it, the paragraphs before that heading explain the region and are no items
    (whatever their line widths: a box may be set in the text column).
    """
    if not any(k in LIST_KINDS for k in cue.kinds):
        return set()
    title = next((i for i, u in enumerate(region) if u.role == "heading" and not read_cue(u.text)), None)
    if not title or not any(u.role == "paragraph" for u in region[:title]):
        return set()
    if sum(1 for u in region[title + 1:] if _is_box_statement(u)) < 2:
        return set()
    return {u.index for u in region[:title] if u.role == "paragraph"}


def _subtitles(region: list[Unit]) -> set[int]:
    """Taglines set under each title of a list of titled boxes ("Ge ansvar" / "Stärk en förtroendebaserad …").

    Where two or more headings are each directly followed by a longer heading,
    and no heading pair in the region runs the other way, the second of each
    pair explains the first and is no item of its own.
    """
    pairs: list[tuple[Unit, Unit]] = []
    i = 0
    while i + 1 < len(region):
        a, b = region[i], region[i + 1]
        if a.role == "heading" and b.role == "heading":
            pairs.append((a, b))
            i += 2
        else:
            i += 1
    if len(pairs) < 2 or any(b.words <= a.words for a, b in pairs):
        return set()
    return {b.index for _, b in pairs}


def _measured(items: list[Typed]) -> list[Typed]:
    """A list at least half of whose items state a threshold is a list of measurable targets;
    in another list, the goals that state a threshold are."""
    listed = [t for t in items if t.kind == "goal"]
    measurable = {id(t) for t in listed if _states_threshold(t)}
    whole = len(listed) >= 2 and len(measurable) * 2 >= len(listed)
    return [replace(t, kind="target", rule=f"{t.rule}; {'most items' if whole else 'states a threshold'}")
            if t.kind == "goal" and (whole or id(t) in measurable) else t for t in items]


def _states_threshold(typed: Typed) -> bool:
    probe = Statement("", "", None, None, 0, "target", typed.number, typed.text, typed.unit.lang, typed.unit.page)
    return bool(parse_targets(probe))


def _is_short_statement(unit: Unit) -> bool:
    return unit.words <= ITEM_MAX_WORDS and len(sentences(unit.text)) == 1 and not _URL.search(unit.text)


def _is_box_statement(unit: Unit) -> bool:
    """A statement on its own under a list heading with no list: one or two sentences, no link."""
    return unit.role == "paragraph" and unit.words <= 40 and len(sentences(unit.text)) <= 2 and not _URL.search(unit.text)


def _unstopped_statement(region: list[Unit], at: int, skipped: set[int]) -> bool:
    """A statement that lacks its full stop and so looks like a heading: a sentence-long heading
    (:data:`SENTENCE_MIN_WORDS` words or more, no cue) between two statements of the region
    (``skipped``: its units that are no items)."""
    unit = region[at]
    return (
        unit.role == "heading" and unit.words >= SENTENCE_MIN_WORDS and not read_cue(unit.text)
        and 0 < at < len(region) - 1
        and all(_is_box_statement(u) and u.index not in skipped for u in (region[at - 1], region[at + 1]))
    )


def _enumeration(text: str) -> list[str]:
    """``"Asiakaslähtöisesti, yhdenvertaisesti ja vastuullisesti."`` → the three words."""
    body = text.strip().rstrip(".").strip()
    conj = "|".join(fi.LIST_CONJUNCTIONS + sv.LIST_CONJUNCTIONS)
    parts = [p.strip() for p in re.split(rf",\s*|\s+(?:{conj})\s+", body) if p.strip()]
    if len(parts) >= 2 and all(1 <= len(p.split()) <= 3 for p in parts):
        return parts
    return []


def _mission_sentences(units: Sequence[Unit]) -> list[Typed]:
    out = []
    for unit in units:
        if unit.role not in ("paragraph", "heading"):
            continue
        for sentence in sentences(unit.text):
            key = match_key(sentence)
            if any(re.search(m.MISSION_SENTENCE, key) for m in (fi, sv)):
                out.append(Typed(unit, "mission", sentence, rule="sentence states the basic task"))
    return out


def _inline_values(units: Sequence[Unit]) -> list[Typed]:
    out = []
    for unit in units:
        if unit.role != "paragraph":
            continue
        for sentence in sentences(unit.text):
            for module in (fi, sv):
                cue = re.search(module.VALUES_CUE, sentence, flags=re.IGNORECASE)
                if cue:
                    values = _enumeration(sentence[cue.end():].lstrip(" :"))
                    out.extend(Typed(unit, "value", v, rule="enumeration after 'our values'") for v in values)
    return out


def _impact_bullets(units: Sequence[Unit], taken: set[int]) -> list[Typed]:
    """An un-cued bullet list every item of which states an effect ("… paranevat") lists impact goals."""
    out: list[Typed] = []
    for run in _bullet_runs(units):
        if any(u.index in taken for u in run):
            continue
        if all(any(re.search(m.IMPACT_CUE, match_key(u.text)) for m in (fi, sv)) for u in run):
            out.extend(Typed(u, "impact", u.text, u.number, rule="list of effects") for u in run)
    return out


def _bullet_runs(units: Sequence[Unit]) -> list[list[Unit]]:
    """Consecutive list items of one page."""
    runs: list[list[Unit]] = []
    for unit in units:
        if unit.role != "list_item":
            continue
        if runs and runs[-1][-1].index == unit.index - 1 and runs[-1][-1].page == unit.page:
            runs[-1].append(unit)
        else:
            runs.append([unit])
    return runs


def _aims_that_head_goals(units: Sequence[Unit], found: list[Typed]) -> list[Typed]:
    """An aim printed again on a page of goals (as its title or running title) is a guideline: it has goals of its own
    (a heading "Strategiset päämäärät ja tavoitteet" may name the guidelines' level either way)."""
    goal_pages = {t.unit.page for t in found if t.kind in ("goal", "target") and t.unit.page is not None}
    titles = {match_key(heading_text(u.text)) for u in units if u.page in goal_pages and u.role != "list_item"}
    return [replace(t, kind="guideline", rule=f"{t.rule}; heads a page of goals")
            if t.kind == "aim" and match_key(t.text) in titles and t.unit.page not in goal_pages else t for t in found]


def _spread_aims(
    units: Sequence[Unit], guidelines: list[Typed], taken: set[int], labels: Mapping[Optional[int], frozenset[str]]
) -> list[Typed]:
    """One-sentence paragraphs beside a guideline printed again: on a page it heads as its running title (and
    that holds no list), or two or more in the run of one-sentence paragraphs around a guideline's text
    printed again (one printed once may be an overview's misreading of an aim) on the page (a page whose text runs on may hold other sections too). A run's aims outweigh an
    overview's typing of the same texts as guidelines."""
    keys = {match_key(g.text) for g in guidelines}
    overview = {g.unit.index for g in guidelines}  # what an overview typed guideline may be a run's aim
    printed = Counter(match_key(unit.text) for unit in units)
    reprinted = {k for k in keys if printed[k] >= 2}
    out = []
    for page in sorted({u.page for u in units if u.page is not None}):
        on_page = [u for u in units if u.page == page]
        if keys & labels.get(page, frozenset()):
            if not any(u.role == "list_item" for u in on_page):
                out.extend(_aims_in(on_page, keys, taken, 1))
            continue
        for at, unit in enumerate(on_page):
            if match_key(unit.text) in reprinted:
                aims = _aims_in(_statement_run(on_page, at, reprinted), reprinted, taken - overview, 3)
                out.extend(aims if len(aims) >= 2 else [])
    return out


def _statement_run(units: list[Unit], at: int, keys: set[str]) -> list[Unit]:
    """The one-sentence paragraphs (and guideline texts) next to ``units[at]`` on either side, up to
    anything else: a heading, a list item, a table or running text."""
    def fits(unit: Unit) -> bool:
        return unit.role == "paragraph" and (_is_short_statement(unit) or match_key(unit.text) in keys)

    start, end = at, at + 1
    while start > 0 and fits(units[start - 1]):
        start -= 1
    while end < len(units) and fits(units[end]):
        end += 1
    return units[start:end]


def _aims_in(units: Sequence[Unit], keys: set[str], taken: set[int], strength: int) -> list[Typed]:
    return [
        Typed(u, "aim", u.text, rule="one-sentence paragraph on a guideline spread", strength=strength)
        for u in units
        if u.index not in taken and match_key(u.text) not in keys
        and u.role == "paragraph" and _is_short_statement(u) and u.text.endswith(".")
    ]


def page_labels(source: SourceDocument) -> dict[Optional[int], frozenset[str]]:
    """Per page, the match keys of text set apart beside the body: rotated sidebars, running titles."""
    found: dict[Optional[int], set[str]] = {}
    for page in source.pages:
        for block in page.blocks:
            if block.role == "rotated":
                found.setdefault(page.number, set()).add(match_key(" ".join(block.lines)))
    for removal in source.removals:
        if removal.kind in ("running_title", "header", "rotated"):
            found.setdefault(removal.page, set()).add(match_key(removal.text))
    return {page: frozenset(keys) for page, keys in found.items()}
