package be.petition.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The province outlines of {@code map/be-provinces.svg} (shared with the live page), for both the HTML map (the
 * path data as it is) and the PDF map (the same paths as polygons). Paths use only M, L and Z.
 */
public final class ProvinceMap {
    public static final String RESOURCE = "map/be-provinces.svg";

    public record Point(double x, double y) {
    }

    /** One area: its code ({@code BE-VAN}), SVG path data, its rings, and where its label goes. */
    public record Area(String code, String pathData, List<List<Point>> rings, Point label) {
    }

    private final double width;
    private final double height;
    private final List<Area> areas;

    private ProvinceMap(double width, double height, List<Area> areas) {
        this.width = width;
        this.height = height;
        this.areas = areas;
    }

    public static ProvinceMap load() {
        try (InputStream in = ProvinceMap.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document svg = factory.newDocumentBuilder().parse(in);
            String[] viewBox = svg.getDocumentElement().getAttribute("viewBox").trim().split("[\\s,]+");
            NodeList paths = svg.getElementsByTagName("path");
            List<Area> areas = new ArrayList<>();
            for (int i = 0; i < paths.getLength(); i++) {
                Element path = (Element) paths.item(i);
                String d = path.getAttribute("d");
                List<List<Point>> rings = rings(d);
                areas.add(new Area(path.getAttribute("id"), d, rings, labelPoint(rings)));
            }
            return new ProvinceMap(Double.parseDouble(viewBox[2]), Double.parseDouble(viewBox[3]), List.copyOf(areas));
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("Cannot read " + RESOURCE, e);
        }
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    public List<Area> areas() {
        return areas;
    }

    static List<List<Point>> rings(String d) {
        List<List<Point>> rings = new ArrayList<>();
        List<Point> ring = null;
        String[] tokens = d.trim().split("(?=[MLZmlz])");
        for (String token : tokens) {
            String t = token.trim();
            if (t.isEmpty()) {
                continue;
            }
            char command = t.charAt(0);
            if (command == 'Z' || command == 'z') {
                ring = null;
                continue;
            }
            if (command != 'M' && command != 'L') {
                throw new IllegalStateException("Unsupported path command '" + command + "' in " + RESOURCE);
            }
            String[] xy = t.substring(1).trim().split("[\\s,]+");
            if (command == 'M' || ring == null) {
                ring = new ArrayList<>();
                rings.add(ring);
            }
            for (int i = 0; i + 1 < xy.length; i += 2) {
                ring.add(new Point(Double.parseDouble(xy[i]), Double.parseDouble(xy[i + 1])));
            }
        }
        return rings;
    }

    /** The area centroid of the largest ring: inside for the roughly convex provinces of Belgium. */
    private static Point labelPoint(List<List<Point>> rings) {
        List<Point> largest = rings.get(0);
        for (List<Point> ring : rings) {
            if (Math.abs(area(ring)) > Math.abs(area(largest))) {
                largest = ring;
            }
        }
        double a = area(largest);
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < largest.size(); i++) {
            Point p = largest.get(i);
            Point q = largest.get((i + 1) % largest.size());
            double cross = p.x() * q.y() - q.x() * p.y();
            cx += (p.x() + q.x()) * cross;
            cy += (p.y() + q.y()) * cross;
        }
        return new Point(cx / (6 * a), cy / (6 * a));
    }

    private static double area(List<Point> ring) {
        double sum = 0;
        for (int i = 0; i < ring.size(); i++) {
            Point p = ring.get(i);
            Point q = ring.get((i + 1) % ring.size());
            sum += p.x() * q.y() - q.x() * p.y();
        }
        return sum / 2;
    }
}
