"""Who decides the map's centre and zoom: the user's moves, except that a view the app just set wins.

The map component reports its view asynchronously. On a loaded machine a report sent before the user picked a
table row can arrive after the app has centred the map on that row; taken at face value it would move the
shared view back. After the app sets a view, reports are therefore ignored until the map echoes that view or
`grace_runs` reports have gone by, whichever comes first.
"""

from __future__ import annotations

from dataclasses import dataclass

View = tuple[tuple[float, float], int]  # ((lat, lon), zoom)

VIEW_DIGITS = 4
MATCH_DEGREES = 0.01  # the map's echo of a centre differs by pixel rounding (~0.001 degrees at zoom 10)
GRACE_RUNS = 2


def view_of(report: dict | None) -> View | None:
    """The (centre, zoom) in a map component's report, rounded; None when the report has none."""
    if not report:
        return None
    center, zoom = report.get("center"), report.get("zoom")
    if not center or zoom is None:
        return None
    try:
        lat, lon, level = float(center["lat"]), float(center["lng"]), int(zoom)
    except (KeyError, TypeError, ValueError):
        return None
    return (round(lat, VIEW_DIGITS), round(lon, VIEW_DIGITS)), level


def same_view(a: View, b: View, tolerance: float = MATCH_DEGREES) -> bool:
    (lat_a, lon_a), zoom_a = a
    (lat_b, lon_b), zoom_b = b
    return zoom_a == zoom_b and abs(lat_a - lat_b) <= tolerance and abs(lon_a - lon_b) <= tolerance


@dataclass
class ViewSync:
    """Per-session state: the last report seen and the view the app set, if the map has not echoed it yet."""

    last_report: View | None = None
    pending: View | None = None
    runs_since_set: int = 0
    grace_runs: int = GRACE_RUNS

    def app_set(self, view: View) -> None:
        """The app moved the map (a row was picked): this view wins over reports already on their way."""
        if self.last_report is not None and same_view(view, self.last_report):
            self.pending = None  # the map is already there and will not echo anything
            return
        self.pending = view
        self.runs_since_set = 0

    def on_report(self, report: dict | None) -> View | None:
        """The view to adopt from this run's component report, or None to keep the current one."""
        view = view_of(report)
        if self.pending is not None:
            self.runs_since_set += 1
        if view is None or view == self.last_report:
            self._expire()
            return None
        self.last_report = view
        if self.pending is None:
            return view
        if same_view(view, self.pending):
            self.pending = None  # the map now shows the app's view; later moves are the user's
            return None
        self._expire()
        return None

    def _expire(self) -> None:
        if self.pending is not None and self.runs_since_set >= self.grace_runs:
            self.pending = None


def degrees_per_pixel(zoom: int) -> float:
    """Longitude degrees one screen pixel spans at this zoom (256 px tiles)."""
    return 360.0 / (256 * 2 ** zoom)


def unmoved(view: View, start: View) -> bool:
    """True when a reported view is the starting view up to a pixel of rounding: the user has not moved the map.

    The map echoes its starting centre shifted by a fraction of a pixel; taking that echo as a move would put
    the default view into every shared link."""
    (lat, lon), zoom = view
    (lat0, lon0), zoom0 = start
    tolerance = degrees_per_pixel(zoom0)
    return zoom == zoom0 and abs(lat - lat0) <= tolerance and abs(lon - lon0) <= tolerance
