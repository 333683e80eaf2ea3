"""Folium map for the filtered events: one layer per event type, precision-aware symbols, tiers by point count.

Both tiers send compact column arrays plus lookup tables of repeated strings, and the browser assembles symbols
and popups from them, so the payload stays small. Up to `INDIVIDUAL_LIMIT` points every event is its own symbol
with a popup holding the summary, the evidence (cut at `EVIDENCE_CHARS`; the detail view has all of it), source
link, date, precision and geocode match. Above that the points go to client-side clusters with short popups.
All article text is escaped with html.escape before it reaches the page; the browser only concatenates it.
An outline layer drawn from the curated gazetteer keeps the map readable offline, when no tiles load.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import folium
import numpy as np
import pandas as pd
from folium.plugins import FastMarkerCluster, HeatMap
from folium.template import Template

from events.model import EVENT_TYPES
from view.outlines import load_area_labels, load_outlines
from view.styles import Styles, load_styles

INDIVIDUAL_LIMIT = 2000
EVIDENCE_CHARS = 120  # the popup's quote; the event detail under the map shows the whole sentence
SUMMARY_CHARS = 200
COORD_DIGITS = 4
CONTROL_RING_PIXELS = 15  # just outside a 22 px event pin, so both stay clickable
SELECTION_RING_PIXELS = 22
DEFAULT_CENTER = (34.5, 41.0)  # between Mosul, Raqqa and Baghdad
DEFAULT_ZOOM = 6
ASSET_BASE = "/app/static/vendor/"  # served by Streamlit static serving from ./static (see .streamlit/config.toml)
SHAPES = ("pin", "near", "area", "wide")
SHAPE_FOR_PRECISION = {"place": "pin", "near": "near", "district": "area", "province": "area",
                       "region": "wide", "country": "wide"}
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{3,8}$")
SAFE_URL_RE = re.compile(r"^https?://", re.IGNORECASE)


def _js_json(value: object) -> str:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _color(value: str) -> str:
    return value if COLOR_RE.match(value or "") else "#757575"


def _esc(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    return html.escape(str(value), quote=True)


def _date_text(start: object, stop: object) -> str:
    if start is None or pd.isna(start):
        return "undated"
    first = pd.Timestamp(start).date().isoformat()
    if stop is None or pd.isna(stop) or pd.Timestamp(stop) == pd.Timestamp(start):
        return first
    return f"{first} – {pd.Timestamp(stop).date().isoformat()}"


def geocode_match_text(row: Mapping) -> str:
    """'Hwayjah -> Al Hawijah, 0.93' (plain text; escape before rendering)."""
    place_text = str(row.get("place_text") or "")
    place_name = str(row.get("place_name") or "")
    score = row.get("geocode_score")
    if not place_name:
        return f"{place_text} -> unresolved"
    score_text = "" if score is None or pd.isna(score) else f", {float(score):.2f}"
    return f"{place_text} -> {place_name}{score_text}"


def shorten(text: object, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis (plain text; escape afterwards)."""
    value = " ".join(str(text or "").split())
    if len(value) <= limit:
        return value
    cut = value[:limit].rsplit(" ", 1)[0] if " " in value[:limit] else value[:limit]
    return cut.rstrip(" ,;:") + "…"


def source_link_html(title: object, url: object, path: object = "") -> str:
    """An escaped link for http(s) sources; anything else (javascript:, file paths) is shown as text."""
    url_text = str(url or "")
    label = str(title or "") or url_text or str(path or "")
    if SAFE_URL_RE.match(url_text):
        return f'<a href="{_esc(url_text)}" target="_blank" rel="noopener noreferrer">{_esc(label)}</a>'
    return _esc(label)


class PointLayer(folium.MacroElement):
    """Symbols with prebuilt popups, one row each (the territorial control layer: few rows).

    Row: lat, lon, colour, shape (pin, near, area, wide, or ring: a circle of `size` screen pixels), size
    (metres, or pixels for a ring), glyph, popup html, tooltip."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(){
            var rows = {{ this.rows_json }};
            var group = {{ this._parent.get_name() }};
            function icon(color, glyph, size) {
                return L.divIcon({className: "cm-icon", iconSize: [size, size], iconAnchor: [size / 2, size / 2],
                    html: '<div style="width:' + size + 'px;height:' + size + 'px;line-height:' + size
                        + 'px;border-radius:50% 50% 50% 0;background:' + color + ';color:#fff;text-align:center;'
                        + 'font-size:' + Math.round(size * 0.6) + 'px;border:1px solid #fff;'
                        + 'box-shadow:0 0 2px #000">' + glyph + '</div>'});
            }
            for (var i = 0; i < rows.length; i++) {
                var r = rows[i], ll = [r[0], r[1]], layer;
                if (r[3] === "pin") {
                    layer = L.marker(ll, {icon: icon(r[2], r[5], 22)});
                } else if (r[3] === "near") {
                    layer = L.featureGroup([
                        L.circle(ll, {radius: r[4], color: r[2], weight: 1, fillOpacity: 0.12}),
                        L.marker(ll, {icon: icon(r[2], r[5], 16)})]);
                } else if (r[3] === "area") {
                    layer = L.circle(ll, {radius: r[4], color: r[2], weight: 1, fillOpacity: 0.2});
                } else if (r[3] === "ring") {
                    layer = L.circleMarker(ll, {radius: r[4], color: r[2], weight: 4, opacity: 0.9,
                        fillColor: r[2], fillOpacity: 0.1});
                } else {
                    layer = L.circle(ll, {radius: r[4], color: r[2], weight: 2, dashArray: "6 6",
                        fillOpacity: 0.05});
                }
                layer.bindPopup(r[6], {maxWidth: 360});
                if (r[7]) { layer.bindTooltip(r[7]); }
                layer.addTo(group);
            }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, rows: list[list]):
        super().__init__()
        self._name = "PointLayer"
        self.rows_json = _js_json(rows)


class Legend(folium.MacroElement):
    """A legend control built from the style data (escaped)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(){
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function() {
                var div = L.DomUtil.create("div", "cm-legend");
                div.style.cssText = "background:rgba(255,255,255,.92);padding:6px 8px;font:12px sans-serif;"
                    + "border-radius:4px;box-shadow:0 0 4px rgba(0,0,0,.3);max-height:260px;overflow:auto";
                div.innerHTML = {{ this.html_json }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, legend_html: str):
        super().__init__()
        self._name = "Legend"
        self.html_json = _js_json(legend_html)


def legend_html(styles: Styles, sides: list[str] | None = None) -> str:
    type_rows = "".join(
        f"<div><span style='display:inline-block;width:16px;text-align:center'>{_esc(s.glyph)}</span> "
        f"{_esc(s.label)}</div>" for s in styles.types.values())
    side_keys = sides if sides is not None else list(styles.sides)
    side_rows = "".join(
        f"<div><span style='display:inline-block;width:10px;height:10px;background:{_color(styles.side_style(k).color)}"
        f"'></span> {_esc(styles.side_style(k).label)}</div>" for k in side_keys)
    precision_rows = ("<div>● pin: exact place · ◯ circle: near · shaded: district/province · "
                      "dashed: region/country</div>")
    control_rows_html = ("<div>thick ring round a place: territorial control, coloured by the last claimed "
                         "controller (click the ring for every claim)</div>")
    return (f"<details><summary><b>Legend</b></summary><b>Event types</b>{type_rows}<b>Actor (colour)</b>"
            f"{side_rows}<b>Location precision</b>{precision_rows}<b>Territorial control</b>{control_rows_html}"
            "</details>")


class OutlineLayer(folium.MacroElement):
    """Thin unfilled country rings and area names: orientation without tiles (offline), nothing to click."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(){
            var D = {{ this.data_json }}, group = {{ this._parent.get_name() }};
            D.rings.forEach(function(ring) {
                L.polygon(ring, {color: "#555", weight: 1.5, opacity: 0.8, fill: false, interactive: false})
                    .addTo(group);
            });
            D.labels.forEach(function(label) {
                L.marker([label[0], label[1]], {interactive: false, keyboard: false, icon: L.divIcon({
                    className: "cm-area-label", iconSize: null,
                    html: '<div style="transform:translate(-50%,-50%);white-space:nowrap;font:11px sans-serif;'
                        + 'color:#444;text-shadow:0 0 3px #fff,0 0 3px #fff">' + label[2] + '</div>'})})
                    .addTo(group);
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, rings: list[list[list[float]]], labels: list[list]):
        super().__init__()
        self._name = "OutlineLayer"
        self.data_json = _js_json({"rings": rings, "labels": labels})


def outline_layer() -> folium.FeatureGroup:
    """Country borders and governorate names from the curated gazetteer (a constant ~4 KB of the payload)."""
    rings = [[[round(lat, 3), round(lon, 3)] for lat, lon in outline.ring] for outline in load_outlines()]
    labels = [[round(label.lat, 3), round(label.lon, 3), _esc(label.name)] for label in load_area_labels()]
    group = folium.FeatureGroup(name="Borders and governorates (offline outline)", show=True)
    group.add_child(OutlineLayer(rings, labels))
    return group


def _local_assets(element: folium.MacroElement, js: list[tuple[str, str]], css: list[tuple[str, str]]) -> None:
    element.default_js = js
    element.default_css = css


def make_base_map(center: tuple[float, float] | None, zoom: int | None, asset_base: str = ASSET_BASE) -> folium.Map:
    """A map whose Leaflet assets come from the app's own static files, not a CDN."""
    fmap = folium.Map(location=list(center or DEFAULT_CENTER), zoom_start=zoom or DEFAULT_ZOOM,
                      tiles=None, control_scale=True, prefer_canvas=True)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap tiles (when online)").add_to(fmap)
    _local_assets(fmap, [("leaflet", asset_base + "leaflet.js")], [("leaflet_css", asset_base + "leaflet.css")])
    return fmap


@dataclass(frozen=True)
class MapStats:
    points: int
    tier: str  # "individual" or "cluster"


def _rounded(values: pd.Series) -> np.ndarray:
    return np.round(values.to_numpy(dtype=float), COORD_DIGITS)


class StringTable:
    """Repeated escaped strings (places, actors, sources) sent once per layer and referenced by index."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._index: dict[str, int] = {}

    def code(self, value: str) -> int:
        if value not in self._index:
            self._index[value] = len(self.values)
            self.values.append(value)
        return self._index[value]

    def codes(self, values: pd.Series, empty: int = -1) -> list[int]:
        """One code per value (escaped once per distinct value); `empty` for empty strings."""
        text = values.fillna("").astype(str)
        mapping = {v: (self.code(_esc(v)) if v else empty) for v in text.unique()}
        return text.map(mapping).astype(int).tolist()


def _day_numbers(values: pd.Series) -> np.ndarray:
    """Days since 1970-01-01, -1 when undated."""
    as_dates = pd.to_datetime(values, errors="coerce")
    return np.where(as_dates.isna().to_numpy(), -1, as_dates.to_numpy(dtype="datetime64[D]").astype("int64"))


def _text(group: pd.DataFrame, column: str) -> pd.Series:
    if column not in group:
        return pd.Series([""] * len(group), index=group.index, dtype=str)
    return group[column].fillna("").astype(str)


def _individual_columns(group: pd.DataFrame, styles: Styles, precision_keys: list[str],
                        strings: StringTable) -> list[list]:
    """Columns: lat, lon, side, precision, start day, end day, date precision, summary, evidence, actors,
    claimant, source link, geocode match, tooltip, event id (see INDIVIDUAL_SCRIPT)."""
    side_keys = list(styles.sides)
    side_codes = pd.Categorical(group["_side"], categories=side_keys).codes
    side_codes = np.where(side_codes < 0, side_keys.index("other"), side_codes)
    prec_codes = pd.Categorical(group["geo_precision"].fillna("place"), categories=precision_keys).codes
    prec_codes = np.where(prec_codes < 0, 0, prec_codes)
    start = _day_numbers(group["_start"])
    stop = np.maximum(_day_numbers(group["_stop"]), start)
    actor1, actor2 = _text(group, "actor1"), _text(group, "actor2")
    actors = (actor1 + " vs " + actor2).where((actor1 != "") & (actor2 != ""), actor1 + actor2)
    sources = [source_link_html(t, u, p) for t, u, p in zip(_text(group, "source_title"), _text(group, "source_url"),
                                                            _text(group, "source_path"), strict=True)]
    source_codes = [strings.code(link) if link else -1 for link in sources]
    matches = [geocode_match_text(row) for row in group[["place_text", "place_name", "geocode_score"]]
               .to_dict("records")]
    labels = _text(group, "place_name").where(_text(group, "place_name") != "", _text(group, "place_text"))
    ids = _text(group, "event_id").where(_text(group, "event_id").str.fullmatch(r"[0-9a-f]{16}"), "")
    return [
        _rounded(group["latitude"]).tolist(), _rounded(group["longitude"]).tolist(), side_codes.tolist(),
        prec_codes.tolist(), start.tolist(), stop.tolist(), strings.codes(_text(group, "date_precision"), empty=-1),
        [_esc(shorten(v, SUMMARY_CHARS)) for v in _text(group, "summary")],
        [_esc(shorten(v, EVIDENCE_CHARS)) for v in _text(group, "evidence")],
        strings.codes(actors), strings.codes(_text(group, "claimant")), source_codes,
        strings.codes(pd.Series(matches, index=group.index)), strings.codes(labels), ids.tolist(),
    ]


class CompactPointLayer(folium.MacroElement):
    """Individually drawn events from column arrays; popups are assembled on click from already escaped parts."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(){
            var T = {{ this.tables_json }}, C = {{ this.columns_json }}, S = T.strings;
            var group = {{ this._parent.get_name() }};
            function day(d) { return new Date(d * 864e5).toISOString().slice(0, 10); }
            function when(i) {
                var a = C[4][i], b = C[5][i];
                if (a < 0) { return "undated"; }
                return day(a) + (b > a ? " \u2013 " + day(b) : "");
            }
            function icon(color, size) {
                return L.divIcon({className: "cm-icon", iconSize: [size, size], iconAnchor: [size / 2, size / 2],
                    html: '<div style="width:' + size + 'px;height:' + size + 'px;line-height:' + size
                        + 'px;border-radius:50% 50% 50% 0;background:' + color + ';color:#fff;text-align:center;'
                        + 'font-size:' + Math.round(size * 0.6) + 'px;border:1px solid #fff;'
                        + 'box-shadow:0 0 2px #000">' + T.glyph + '</div>'});
            }
            function popup(i) {
                var parts = ["<b>" + T.label + "</b> \u00b7 " + when(i)
                    + (C[6][i] >= 0 ? " (" + S[C[6][i]] + ")" : ""), "<div>" + C[7][i] + "</div>"];
                var evidence = C[8][i];
                if (evidence) {
                    parts.push("<div><i>\u201c" + evidence + "\u201d</i>" + (evidence.slice(-1) === "\u2026"
                        ? " <small>(full text in the event detail)</small>" : "") + "</div>");
                }
                if (C[9][i] >= 0) { parts.push("<div>Actors: " + S[C[9][i]] + "</div>"); }
                if (C[10][i] >= 0) { parts.push("<div>Claimed by: " + S[C[10][i]] + "</div>"); }
                if (C[11][i] >= 0) { parts.push("<div>Source: " + S[C[11][i]] + "</div>"); }
                parts.push("<div>Place: " + S[C[12][i]] + " (" + T.precisions[C[3][i]][0] + ")</div>");
                var id = C[14][i];
                if (id && T.base) {
                    parts.push('<div><a href="' + T.base + '?event=' + id + '" target="_top">permalink</a> <small>'
                        + id + '</small></div>');
                } else if (id) {
                    parts.push("<div><small>" + id + "</small></div>");
                }
                return "<div class='cm-popup' style='max-width:340px'>" + parts.join("") + "</div>";
            }
            function add(i) {
                var ll = [C[0][i], C[1][i]], color = T.sides[C[2][i]], prec = T.precisions[C[3][i]], layer;
                if (prec[1] === "pin") {
                    layer = L.marker(ll, {icon: icon(color, 22)});
                } else if (prec[1] === "near") {
                    layer = L.featureGroup([
                        L.circle(ll, {radius: prec[2], color: color, weight: 1, fillOpacity: 0.12}),
                        L.marker(ll, {icon: icon(color, 16)})]);
                } else if (prec[1] === "area") {
                    layer = L.circle(ll, {radius: prec[2], color: color, weight: 1, fillOpacity: 0.2});
                } else {
                    layer = L.circle(ll, {radius: prec[2], color: color, weight: 2, dashArray: "6 6",
                        fillOpacity: 0.05});
                }
                layer.bindPopup(function() { return popup(i); }, {maxWidth: 360});
                if (C[13][i] >= 0) { layer.bindTooltip(S[C[13][i]]); }
                layer.addTo(group);
            }
            for (var i = 0; i < C[0].length; i++) { add(i); }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, tables: dict, columns: list[list]):
        super().__init__()
        self._name = "CompactPointLayer"
        self.tables_json = _js_json(tables)
        self.columns_json = _js_json(columns)


def _individual_layer(group: pd.DataFrame, event_type: str, styles: Styles, permalink_base: str) -> folium.FeatureGroup:
    type_style = styles.type_style(event_type)
    precision_keys = list(styles.precisions) + ["unresolved"]
    strings = StringTable()
    columns = _individual_columns(group, styles, precision_keys, strings)
    tables = {
        "label": _esc(type_style.label), "glyph": _esc(type_style.glyph),
        "sides": [_color(styles.side_style(k).color) for k in styles.sides],
        "precisions": [[_esc(k), SHAPE_FOR_PRECISION.get(k, "pin"), styles.radius_for(k)] for k in precision_keys],
        "strings": strings.values, "base": _esc(permalink_base) if SAFE_URL_RE.match(permalink_base or "") else "",
    }
    layer = folium.FeatureGroup(name=f"{type_style.glyph} {type_style.label} ({len(group)})")
    layer.add_child(CompactPointLayer(tables, columns))
    return layer


CLUSTER_CALLBACK = """(function(){
    var T = %(tables)s;
    function day(d) { return d < 0 ? "undated" : new Date(d * 864e5).toISOString().slice(0, 10); }
    return function(row) {
        var side = T.sides[row[2]], prec = T.precisions[row[5]], place = T.places[row[4]];
        var ring = prec === "place" ? "1px solid #fff" : (prec === "near" ? "2px dashed #fff" : "3px double #fff");
        var icon = L.divIcon({className: "cm-icon", iconSize: [18, 18], iconAnchor: [9, 9],
            html: '<div style="width:18px;height:18px;line-height:18px;border-radius:50%%;text-align:center;'
                + 'font-size:11px;color:#fff;background:' + side[0] + ';border:' + ring + '">' + T.glyph + '</div>'});
        var marker = L.marker(new L.LatLng(row[0], row[1]), {icon: icon});
        marker.bindPopup("<b>" + T.label + "</b> · " + day(row[3]) + "<br>" + place + " (" + prec + ")<br>"
            + side[1] + "<br><small>Select the event for evidence and sources.</small>");
        return marker;
    };
})()"""


class ColumnarMarkerCluster(FastMarkerCluster):
    """FastMarkerCluster fed with one JSON array per column (smaller and faster to build than one list per row)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function(){
                {{ this.callback }}
                var cols = {{ this.columns_json }};
                var cluster = L.markerClusterGroup({{ this.options|tojavascript }});
                var n = cols[0].length;
                for (var i = 0; i < n; i++) {
                    callback([cols[0][i], cols[1][i], cols[2][i], cols[3][i], cols[4][i], cols[5][i]])
                        .addTo(cluster);
                }
                cluster.addTo({{ this._parent.get_name() }});
                return cluster;
            })();
        {% endmacro %}"""
    )

    def __init__(self, columns: list[list], callback: str, name: str, **options):
        super().__init__([], callback=callback, name=name, **options)
        self._name = "ColumnarMarkerCluster"
        self.columns_json = _js_json(columns)


def _cluster_layer(group: pd.DataFrame, event_type: str, styles: Styles, asset_base: str) -> FastMarkerCluster:
    """Columns: lat, lon, side code, day number (-1 undated), place code, precision code."""
    type_style = styles.type_style(event_type)
    side_keys = list(styles.sides)
    precision_keys = list(styles.precisions) + ["unresolved"]
    names = group["place_name"].fillna("")
    places = names.where(names != "", group["place_text"].fillna(""))
    place_codes, place_values = pd.factorize(places)
    side_codes = pd.Categorical(group["_side"], categories=side_keys).codes
    side_codes = np.where(side_codes < 0, side_keys.index("other"), side_codes)
    prec_codes = pd.Categorical(group["geo_precision"].fillna("place"), categories=precision_keys).codes
    prec_codes = np.where(prec_codes < 0, 0, prec_codes)
    start = group["_start"]
    days = np.where(start.isna().to_numpy(), -1, start.to_numpy(dtype="datetime64[D]").astype("int64"))
    columns = [_rounded(group["latitude"]).tolist(), _rounded(group["longitude"]).tolist(), side_codes.tolist(),
               days.tolist(), place_codes.tolist(), prec_codes.tolist()]
    tables = {
        "label": _esc(type_style.label), "glyph": _esc(type_style.glyph),
        "sides": [[_color(styles.side_style(k).color), _esc(styles.side_style(k).label)] for k in side_keys],
        "precisions": precision_keys, "places": [_esc(p) for p in place_values],
    }
    layer = ColumnarMarkerCluster(columns, callback=CLUSTER_CALLBACK % {"tables": _js_json(tables)},
                                  name=f"{type_style.glyph} {type_style.label} ({len(group)})", chunkedLoading=True)
    _local_assets(layer, [("markerclusterjs", asset_base + "leaflet.markercluster.js")],
                  [("markerclustercss", asset_base + "MarkerCluster.css"),
                   ("markerclusterdefaultcss", asset_base + "MarkerCluster.Default.css")])
    return layer


def build_map(
    events: pd.DataFrame,
    *,
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    heat: bool = False,
    control: pd.DataFrame | None = None,
    permalink_base: str = "",
    asset_base: str = ASSET_BASE,
    individual_limit: int = INDIVIDUAL_LIMIT,
    outlines: bool = True,
) -> tuple[folium.Map, MapStats]:
    """The whole map for the filtered events (only rows with coordinates are drawn)."""
    styles = load_styles()
    located = events[events["latitude"].notna() & events["longitude"].notna()]
    tier = "individual" if len(located) <= individual_limit else "cluster"
    fmap = make_base_map(center, zoom, asset_base)
    if outlines:
        outline_layer().add_to(fmap)
    if control is not None and len(control):  # first, so event symbols draw above the rings
        control_group = folium.FeatureGroup(name="Territorial control (last claim)", show=True)
        control_group.add_child(PointLayer(control_rows(control, styles)))
        control_group.add_to(fmap)
    present = set(located["event_type"].unique().tolist())
    order = [t for t in EVENT_TYPES if t in present] + sorted(present - set(EVENT_TYPES))
    groups = dict(list(located.groupby("event_type", sort=False)))
    for event_type in order:
        group = groups[event_type]
        if tier == "individual":
            _individual_layer(group, event_type, styles, permalink_base).add_to(fmap)
        else:
            _cluster_layer(group, event_type, styles, asset_base).add_to(fmap)
    if heat and len(located):
        heat_layer = HeatMap(np.column_stack([_rounded(located["latitude"]), _rounded(located["longitude"])]).tolist(),
                             name="Heat map", radius=14, blur=18, min_opacity=0.3)
        _local_assets(heat_layer, [("leaflet-heat.js", asset_base + "leaflet_heat.min.js")], [])
        heat_layer.add_to(fmap)
    present_sides = set(located["_side"].unique().tolist())
    sides = [k for k in styles.sides if k in present_sides]
    fmap.add_child(Legend(legend_html(styles, sides or None)))
    folium.LayerControl(collapsed=True).add_to(fmap)
    return fmap, MapStats(points=len(located), tier=tier)


def control_rows(control: pd.DataFrame, styles: Styles) -> list[list]:
    """Rows for the control layer: one ring per place, a fixed size on screen so it shows at every zoom."""
    rows = []
    for _, row in control.iterrows():
        side = styles.side_of(str(row.get("controller") or ""))
        color = _color(styles.side_style(side).color)
        label = f"{row.get('place_name') or ''}: {row.get('controller') or 'unknown'}"
        rows.append([round(float(row["latitude"]), COORD_DIGITS), round(float(row["longitude"]), COORD_DIGITS),
                     color, "ring", CONTROL_RING_PIXELS, "⚑", str(row.get("popup_html") or ""), _esc(label)])
    return rows


def selection_layer(events: pd.DataFrame, event_id: str) -> folium.FeatureGroup:
    """A black dashed ring round the selected event (empty when it has no coordinates or is filtered out).

    Sent to the map apart from the events (st_folium's feature_group_to_add), so selecting an event moves
    the ring without redrawing the map or closing an open popup. Clicks pass through it."""
    group = folium.FeatureGroup(name="Selected event", control=False)
    row = events.loc[events["event_id"] == event_id, ["latitude", "longitude"]].dropna() if event_id else None
    if row is None or row.empty:
        return group
    lat, lon = round(float(row.iloc[0]["latitude"]), COORD_DIGITS), round(float(row.iloc[0]["longitude"]), COORD_DIGITS)
    size = 2 * SELECTION_RING_PIXELS
    ring = (f'<div class="cm-selected" style="width:{size}px;height:{size}px;box-sizing:border-box;'
            'border:3px dashed #000;border-radius:50%;pointer-events:none"></div>')
    folium.Marker([lat, lon], interactive=False, keyboard=False, z_index_offset=-1000,
                  icon=folium.DivIcon(html=ring, icon_size=(size, size), icon_anchor=(size // 2, size // 2),
                                      class_name="cm-selected-icon")).add_to(group)
    return group
