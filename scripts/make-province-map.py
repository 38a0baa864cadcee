#!/usr/bin/env python3
"""Turns the province outlines (GeoJSON, WGS84) into the SVG map the live page and the report draw on.

Usage: scripts/make-province-map.py DIR_WITH_GEOJSON > schemas/src/main/resources/map/be-provinces.svg
Run it again only if the outlines change; the SVG is committed so the project runs without them.
"""
import glob
import json
import math
import os
import sys

WIDTH = 800
LAT0 = 50.5  # Belgium's middle: scale longitude by cos(lat) so the shape is not stretched

NAMES = {
    "BE-BRU": "Brussels", "BE-VAN": "Antwerpen", "BE-VBR": "Vlaams-Brabant", "BE-VLI": "Limburg",
    "BE-VOV": "Oost-Vlaanderen", "BE-VWV": "West-Vlaanderen", "BE-WBR": "Brabant wallon",
    "BE-WHT": "Hainaut", "BE-WLG": "Liège", "BE-WLX": "Luxembourg", "BE-WNA": "Namur",
}


def rings(geometry):
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def main(folder):
    shapes = {}
    for path in sorted(glob.glob(os.path.join(folder, "BE-*.geojson"))):
        code = os.path.basename(path)[:-len(".geojson")]
        with open(path) as f:
            shapes[code] = rings(json.load(f)["geometry"])
    k = math.cos(math.radians(LAT0))
    xs = [lon * k for rs in shapes.values() for r in rs for lon, _ in r]
    ys = [-lat for rs in shapes.values() for r in rs for _, lat in r]
    scale = WIDTH / (max(xs) - min(xs))
    height = round((max(ys) - min(ys)) * scale)

    def point(lon, lat):
        return f"{(lon * k - min(xs)) * scale:.1f},{(-lat - min(ys)) * scale:.1f}"

    print(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img">')
    print("  <!-- Province outlines: name-suggestion-index (osmlab), BSD 3-Clause, see LICENSE-name-suggestion-index.md -->")
    # Brussels last so it is drawn on top of the hole in Vlaams-Brabant
    for code in sorted(shapes, key=lambda c: c == "BE-BRU"):
        d = " ".join("M" + " L".join(point(lon, lat) for lon, lat in ring) + " Z" for ring in shapes[code])
        print(f'  <path id="{code}" data-region="{code}" data-name="{NAMES[code]}" fill-rule="evenodd" d="{d}"/>')
    print("</svg>")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/be-provinces")
