"""Pictures drawn by the project: the lineage graph and the evaluation score chart, as inline SVG.

Every label passes through :func:`markupsafe.escape` (via ``Markup.format``),
so document text can never become markup. Layouts are plain arithmetic: the
graph puts each document in a column (ordered by period, evaluations after
strategies) and orders a column's units by the mean row of their neighbours
in the columns already placed.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Sequence

from markupsafe import Markup

Row = dict[str, Any]
Edge = tuple[str, str, str, Any]

NODE_W, NODE_H, COL_GAP, ROW_GAP, TOP = 250, 38, 90, 10, 44
RELATION_COLOURS = {
    "continues": "#1b7837", "evaluated_in": "#c26a00", "similar_to": "#7b3294",
    "translation_of": "#2166ac", "same_as": "#4d4d4d", "part_of": "#999999",
}
_SVG_OPEN = Markup('<svg xmlns="http://www.w3.org/2000/svg" class="{}" width="{}" height="{}" viewBox="0 0 {} {}" role="img" aria-label="{}">')


def shorten(text: str | None, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def lineage_svg(
    nodes: dict[str, Row], edges: Sequence[Edge], docs: dict[str, Row], href: Callable[[str], str], current: str | None = None
) -> Markup:
    """The lineage graph as SVG: one column per document, a box per unit, a coloured curve per link.

    :param nodes: unit id → unit (``document``, ``kind``, ``lang``, ``text``, ``page``).
    :param edges: (source id, target id, relation, score).
    :param docs: document id → document (``title``, ``period_start``, ``period_end``, ``order``).
    :param href: the page of a unit id.
    :param current: the unit to outline.
    """
    if not nodes:
        return Markup("")
    columns = _columns(nodes, edges, docs)
    place = {uid: (c, r) for c, (_, ids) in enumerate(columns) for r, uid in enumerate(ids)}
    width = len(columns) * (NODE_W + COL_GAP)
    height = TOP + max(len(ids) for _, ids in columns) * (NODE_H + ROW_GAP) + 20
    out = [_SVG_OPEN.format("lineage-graph", width, height, width, height, "lineage graph")]
    for c, (doc_id, _) in enumerate(columns):
        doc = docs.get(doc_id, {})
        out.append(Markup('<text x="{}" y="16" class="col-title">{}</text><text x="{}" y="32" class="col-sub">{}</text>').format(
            _x(c), shorten(doc.get("title") or doc_id, 40), _x(c), f"{doc.get('period_start', '')}–{doc.get('period_end', '')} · {doc_id}"))
    out.extend(_edge(place, e) for e in edges if e[0] in place and e[1] in place)
    out.extend(_node(nodes[uid], c, r, href, uid == current) for uid, (c, r) in place.items())
    out.append(_legend(sorted({e[2] for e in edges}), height - 8))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def _columns(nodes: dict[str, Row], edges: Sequence[Edge], docs: dict[str, Row]) -> list[tuple[str, list[str]]]:
    by_doc: dict[str, list[str]] = {}
    for uid in sorted(nodes):
        by_doc.setdefault(nodes[uid]["document"] or "", []).append(uid)
    order = sorted(by_doc, key=lambda d: (docs.get(d, {}).get("order", (0, False)), d))
    neighbours: dict[str, set[str]] = {}
    for source, target, *_ in edges:
        neighbours.setdefault(source, set()).add(target)
        neighbours.setdefault(target, set()).add(source)
    row: dict[str, float] = {}
    columns = []
    for doc_id in order:
        def key(uid: str) -> tuple[float, str]:
            placed = [row[n] for n in neighbours.get(uid, ()) if n in row]
            return (sum(placed) / len(placed) if placed else float("inf"), uid)

        ids = sorted(by_doc[doc_id], key=key)
        row.update((uid, i) for i, uid in enumerate(ids))
        columns.append((doc_id, ids))
    return columns


def _x(column: int) -> int:
    return 10 + column * (NODE_W + COL_GAP)


def _y(row: int) -> int:
    return TOP + row * (NODE_H + ROW_GAP)


def _node(node: Row, column: int, row: int, href: Callable[[str], str], current: bool) -> Markup:
    x, y = _x(column), _y(row)
    head = f"{node['kind'] or ''} · {node['lang'] or ''} · p. {node['page'] or '?'} · {(node['id'] or '').rsplit('/', 1)[-1]}"
    return Markup(
        '<a href="{}"><g class="node{}"><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="4"/>'
        '<text x="{}" y="{}" class="node-head">{}</text><text x="{}" y="{}">{}</text></g></a>'
    ).format(href(node["id"]), " current" if current else "", node["text"] or node["id"], x, y, NODE_W, NODE_H,
             x + 6, y + 13, head, x + 6, y + 29, shorten(node["text"], 42))


def _edge(place: dict[str, tuple[int, int]], edge: Edge) -> Markup:
    source, target, relation, score = edge
    (c1, r1), (c2, r2) = place[source], place[target]
    y1, y2 = _y(r1) + NODE_H / 2, _y(r2) + NODE_H / 2
    if c1 == c2:  # inside one document: an arc to the right of the column
        x = _x(c1) + NODE_W
        path = f"M{x},{y1} C{x + 60},{y1} {x + 60},{y2} {x},{y2}"
    else:
        (xa, ya), (xb, yb) = sorted([(_x(c1), y1), (_x(c2), y2)])
        xa += NODE_W
        mid = (xa + xb) / 2
        path = f"M{xa},{ya} C{mid},{ya} {mid},{yb} {xb},{yb}"
    label = f"{relation} {score:.2f}" if isinstance(score, (int, float)) else relation
    return Markup('<path d="{}" class="edge" stroke="{}"><title>{}: {} → {}</title></path>').format(
        path, RELATION_COLOURS.get(relation, "#666"), label, source, target)


def _legend(relations: Iterable[str], y: int) -> Markup:
    out = Markup("")
    for i, relation in enumerate(relations):
        x = 10 + i * 130
        out += Markup('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" class="legend"/><text x="{}" y="{}">{}</text>').format(
            x, y - 4, x + 24, y - 4, RELATION_COLOURS.get(relation, "#666"), x + 30, y, relation)
    return out


BAR_LABEL_W, BAR_W, BAR_H = 380, 300, 22


def score_chart_svg(groups: Sequence[Row]) -> Markup:
    """Mean evaluation score (1–5) per group as horizontal bars, with goal counts and verdicts.

    :param groups: rows with ``evaluation_set``, ``group_name``, ``goals``,
        ``mean_score``, ``yes``, ``partial``, ``no`` (:func:`kb.site.data.score_groups`).
    """
    lines: list[tuple[str, Row | None]] = []
    for group in groups:  # a heading line before each evaluation set's groups
        if not lines or lines[-1][0] != group["evaluation_set"]:
            lines.append((group["evaluation_set"], None))
        lines.append((group["evaluation_set"], group))
    height = 30 + len(lines) * (BAR_H + 6)
    width = BAR_LABEL_W + BAR_W + 260
    out = [_SVG_OPEN.format("score-chart", width, height, width, height, "evaluation scores by group")]
    for score in range(1, 6):
        x = BAR_LABEL_W + BAR_W * score / 5
        out.append(Markup('<line x1="{}" y1="18" x2="{}" y2="{}" class="grid"/><text x="{}" y="12" class="tick">{}</text>').format(
            x, x, height, x - 3, score))
    for i, (name, group) in enumerate(lines):
        y = 24 + i * (BAR_H + 6)
        if group is None:
            out.append(Markup('<text x="4" y="{}" class="set">{}</text>').format(y + 15, name or "(no set)"))
            continue
        mean = group["mean_score"] or 0
        verdicts = f"n={group['goals']}: {group['yes']} yes, {group['partial']} partial, {group['no']} no"
        out.append(Markup(
            '<g class="bar"><title>{}: mean {:.2f}, {}</title><text x="14" y="{}">{}</text>'
            '<rect x="{}" y="{}" width="{:.1f}" height="{}"/><text x="{:.1f}" y="{}" class="value">{:.1f} ({})</text></g>'
        ).format(group["group_name"], mean, verdicts, y + 15, shorten(group["group_name"], 52),
                 BAR_LABEL_W, y, BAR_W * mean / 5, BAR_H, BAR_LABEL_W + BAR_W * mean / 5 + 6, y + 15, mean, verdicts))
    out.append(Markup("</svg>"))
    return Markup("").join(out)
