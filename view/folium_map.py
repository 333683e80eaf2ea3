"""Folium map for the filtered events: one layer per event type, precision-aware symbols, tiers by point count.

Up to `INDIVIDUAL_LIMIT` points every event is drawn with its full (escaped) popup. Above that the points go to
client-side clusters fed by compact arrays whose popups are assembled in the browser from lookup tables, so the
payload stays small. All article text is escaped with html.escape before it reaches the page.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass

import folium
import numpy as np
import pandas as pd
from folium.plugins import FastMarkerCluster, HeatMap
from folium.template import Template

from events.model import EVENT_TYPES
from view.styles import Styles, load_styles

INDIVIDUAL_LIMIT = 2000
COORD_DIGITS = 4
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


def geocode_match_text(row: pd.Series) -> str:
    """'Hwayjah -> Al Hawijah, 0.93' (plain text; escape before rendering)."""
    place_text = str(row.get("place_text") or "")
    place_name = str(row.get("place_name") or "")
    score = row.get("geocode_score")
    if not place_name:
        return f"{place_text} -> unresolved"
    score_text = "" if score is None or pd.isna(score) else f", {float(score):.2f}"
    return f"{place_text} -> {place_name}{score_text}"


def popup_html(row: pd.Series, styles: Styles, permalink_base: str = "") -> str:
    """The full popup for one event; every value escaped, links only for http(s) sources."""
    type_label = styles.type_style(str(row.get("event_type") or "")).label
    url = str(row.get("source_url") or "")
    title = str(row.get("source_title") or "") or url or str(row.get("source_path") or "")
    if SAFE_URL_RE.match(url):
        source = (f'<a href="{_esc(url)}" target="_blank" rel="noopener noreferrer">{_esc(title)}</a>')
    else:
        source = _esc(title)
    actors = " vs ".join(a for a in (str(row.get("actor1") or ""), str(row.get("actor2") or "")) if a)
    parts = [
        f"<b>{_esc(type_label)}</b> · {_esc(_date_text(row.get('_start'), row.get('_stop')))}"
        f" ({_esc(row.get('date_precision'))})",
        f"<div>{_esc(row.get('summary'))}</div>",
        f"<div><i>“{_esc(row.get('evidence'))}”</i></div>" if row.get("evidence") else "",
        f"<div>Actors: {_esc(actors)}</div>" if actors else "",
        f"<div>Claimed by: {_esc(row.get('claimant'))}</div>" if row.get("claimant") else "",
        f"<div>Source: {source}</div>" if title else "",
        f"<div>Place: {_esc(geocode_match_text(row))} ({_esc(row.get('geo_precision'))})</div>",
    ]
    event_id = str(row.get("event_id") or "")
    if permalink_base and re.fullmatch(r"[0-9a-f]{16}", event_id):
        parts.append(f'<div><a href="{_esc(permalink_base)}?event={event_id}" target="_top">'
                     f"permalink</a> <small>{event_id}</small></div>")
    else:
        parts.append(f"<div><small>{_esc(event_id)}</small></div>")
    return "<div class='cm-popup' style='max-width:340px'>" + "".join(p for p in parts if p) + "</div>"


class PointLayer(folium.MacroElement):
    """Precision-aware symbols (pin / circle for "near" / shaded area / dashed wide area) with prebuilt popups."""

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
    return (f"<details><summary><b>Legend</b></summary><b>Event types</b>{type_rows}<b>Actor (colour)</b>"
            f"{side_rows}<b>Location precision</b>{precision_rows}</details>")


def _local_assets(element: folium.MacroElement, js: list[tuple[str, str]], css: list[tuple[str, str]]) -> None:
    element.default_js = js
    element.default_css = css


def make_base_map(center: tuple[float, float] | None, zoom: int | None, asset_base: str = ASSET_BASE) -> folium.Map:
    """A map whose Leaflet assets come from the app's own static files, not a CDN."""
    fmap = folium.Map(location=list(center or DEFAULT_CENTER), zoom_start=zoom or DEFAULT_ZOOM,
                      tiles="OpenStreetMap", control_scale=True, prefer_canvas=True)
    _local_assets(fmap, [("leaflet", asset_base + "leaflet.js")], [("leaflet_css", asset_base + "leaflet.css")])
    return fmap


@dataclass(frozen=True)
class MapStats:
    points: int
    tier: str  # "individual" or "cluster"


def _rounded(values: pd.Series) -> np.ndarray:
    return np.round(values.to_numpy(dtype=float), COORD_DIGITS)


def _individual_rows(group: pd.DataFrame, styles: Styles, permalink_base: str) -> list[list]:
    rows = []
    for _, row in group.iterrows():
        precision = str(row.get("geo_precision") or "place")
        shape = SHAPE_FOR_PRECISION.get(precision, "pin")
        type_style = styles.type_style(str(row["event_type"]))
        rows.append([
            round(float(row["latitude"]), COORD_DIGITS), round(float(row["longitude"]), COORD_DIGITS),
            _color(styles.side_style(str(row.get("_side") or "")).color), shape, styles.radius_for(precision),
            _esc(type_style.glyph), popup_html(row, styles, permalink_base),
            _esc(str(row.get("place_name") or row.get("place_text") or "")),
        ])
    return rows


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
) -> tuple[folium.Map, MapStats]:
    """The whole map for the filtered events (only rows with coordinates are drawn)."""
    styles = load_styles()
    located = events[events["latitude"].notna() & events["longitude"].notna()]
    tier = "individual" if len(located) <= individual_limit else "cluster"
    fmap = make_base_map(center, zoom, asset_base)
    present = set(located["event_type"].unique().tolist())
    order = [t for t in EVENT_TYPES if t in present] + sorted(present - set(EVENT_TYPES))
    groups = dict(list(located.groupby("event_type", sort=False)))
    for event_type in order:
        group = groups[event_type]
        if tier == "individual":
            type_style = styles.type_style(event_type)
            layer = folium.FeatureGroup(name=f"{type_style.glyph} {type_style.label} ({len(group)})")
            layer.add_child(PointLayer(_individual_rows(group, styles, permalink_base)))
            layer.add_to(fmap)
        else:
            _cluster_layer(group, event_type, styles, asset_base).add_to(fmap)
    if heat and len(located):
        heat_layer = HeatMap(np.column_stack([_rounded(located["latitude"]), _rounded(located["longitude"])]).tolist(),
                             name="Heat map", radius=14, blur=18, min_opacity=0.3)
        _local_assets(heat_layer, [("leaflet-heat.js", asset_base + "leaflet_heat.min.js")], [])
        heat_layer.add_to(fmap)
    if control is not None and len(control):
        control_group = folium.FeatureGroup(name="Territorial control (last claim)", show=True)
        control_group.add_child(PointLayer(control_rows(control, styles)))
        control_group.add_to(fmap)
    present_sides = set(located["_side"].unique().tolist())
    sides = [k for k in styles.sides if k in present_sides]
    fmap.add_child(Legend(legend_html(styles, sides or None)))
    folium.LayerControl(collapsed=True).add_to(fmap)
    return fmap, MapStats(points=len(located), tier=tier)


def control_rows(control: pd.DataFrame, styles: Styles) -> list[list]:
    """Rows for the control layer: one square-ish marker per place coloured by its last claimed controller."""
    rows = []
    for _, row in control.iterrows():
        side = styles.side_of(str(row.get("controller") or ""))
        color = _color(styles.side_style(side).color)
        label = f"{row.get('place_name') or ''}: {row.get('controller') or 'unknown'}"
        rows.append([round(float(row["latitude"]), COORD_DIGITS), round(float(row["longitude"]), COORD_DIGITS),
                     color, "area", 3000, "⚑", str(row.get("popup_html") or ""), _esc(label)])
    return rows
