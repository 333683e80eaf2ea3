"""Users' extra gazetteer files: a GeoNames country dump and a CSV of their own."""

import pytest

from geo import Geocoder, GeoContext
from geo.gazetteer import GazetteerFileError, read_geonames_dump, read_user_csv

# Two rows in the standard 19-column GeoNames export format (values written for this test).
DUMP_ROWS = [
    ["9000001", "Tall Kayf", "Tall Kayf", "Tel Keppe,Telkef,Tilkaif", "36.4894", "43.1189", "P", "PPL", "IQ", "",
     "15", "", "", "", "15000", "", "300", "Asia/Baghdad", "2020-01-01"],
    ["9000002", "Jabal Sinjar", "Jabal Sinjar", "Sinjar Mountains", "36.37", "41.70", "T", "MTS", "IQ", "",
     "15", "", "", "", "0", "", "1400", "Asia/Baghdad", "2020-01-01"],
]


def write_dump(path, rows):
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_geonames_dump_rows_become_places(tmp_path):
    places = list(read_geonames_dump(write_dump(tmp_path / "IQ.txt", DUMP_ROWS)))
    assert [p.gid for p in places] == ["gn:9000001", "gn:9000002"]
    assert places[0].feature == "town" and "Telkef" in places[0].variants
    assert places[1].feature == "mountain"


def test_geonames_dump_with_wrong_column_count_names_file_and_line(tmp_path):
    path = tmp_path / "IQ.txt"
    path.write_text("1\tOnly three\tcolumns\n", encoding="utf-8")
    with pytest.raises(GazetteerFileError, match=r"IQ.txt:1: expected 19"):
        list(read_geonames_dump(path))


def test_user_csv_rows_become_places(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("name,lat,lon,country,variants,feature\nMatallat al-Markeb,36.10,41.90,IQ,Matalat Markib,village\n",
                    encoding="utf-8")
    (place,) = read_user_csv(path)
    assert place.gid.startswith("user:") and place.variants == ("Matalat Markib",)


def test_user_csv_missing_columns_is_a_clear_error(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("name,latitude\nX,1\n", encoding="utf-8")
    with pytest.raises(GazetteerFileError, match="missing column"):
        list(read_user_csv(path))


def test_user_csv_out_of_range_latitude_names_the_line(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("name,lat,lon,country\nNowhere,123,40,IQ\n", encoding="utf-8")
    with pytest.raises(GazetteerFileError, match=r"mine.csv:2: latitude"):
        list(read_user_csv(path))


def test_extra_files_extend_the_geocoder(tmp_path):
    dump = write_dump(tmp_path / "IQ.txt", DUMP_ROWS)
    user = tmp_path / "mine.csv"
    user.write_text("name,lat,lon,country\nMatallat al-Markeb,36.10,41.90,IQ\n", encoding="utf-8")
    g = Geocoder.load(extra_files=[dump, user])
    assert g.resolve("Telkef", GeoContext(countries=("IQ",))).place.gid == "gn:9000001"
    assert g.resolve("Matallat al Markeb").place.gid.startswith("user:")
