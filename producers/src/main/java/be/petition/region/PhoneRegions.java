package be.petition.region;

import be.petition.geography.Regions;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Region of a phone number: a Belgian landline's zone gives its province (or Brussels), a Belgian mobile or
 * non-geographic number gives {@code BE}, a foreign number its ISO 3166-1 country, anything else {@code ZZ}.
 *
 * <p>Zones follow the BIPT numbering plan; a few straddle a provincial border and map to the province where
 * most of their subscribers live (noted beside them).
 */
public final class PhoneRegions {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int BELGIUM = 32;

    /** Zone prefix without the trunk 0 (so "2" is 02) → region. One-digit zones start with 2, 3, 4 or 9, the rest never do. */
    private static final Map<String, String> ZONES = new LinkedHashMap<>();

    static {
        zone("2", Regions.BRUSSELS);      // Brussels; also a few Flemish Brabant communes around it (Zaventem, Vilvoorde)
        zone("3", Regions.ANTWERP);
        zone("4", Regions.LIEGE);         // landlines only: 0455/0456 and 046x–049x are mobiles
        zone("9", Regions.EAST_FLANDERS); // Ghent; the Meetjesland and Waasland edges are East Flanders too
        zone("10", Regions.WALLOON_BRABANT);  // Wavre
        zone("11", Regions.LIMBURG);          // Hasselt
        zone("12", Regions.LIMBURG);          // Tongeren
        zone("13", Regions.FLEMISH_BRABANT);  // Diest; straddles Limburg (Tessenderlo, Ham): majority Flemish Brabant
        zone("14", Regions.ANTWERP);          // Herentals, Turnhout
        zone("15", Regions.ANTWERP);          // Mechelen
        zone("16", Regions.FLEMISH_BRABANT);  // Leuven
        zone("19", Regions.LIEGE);            // Waremme
        zone("50", Regions.WEST_FLANDERS);    // Bruges
        zone("51", Regions.WEST_FLANDERS);    // Roeselare
        zone("52", Regions.EAST_FLANDERS);    // Dendermonde
        zone("53", Regions.EAST_FLANDERS);    // Aalst
        zone("54", Regions.EAST_FLANDERS);    // Ninove
        zone("55", Regions.EAST_FLANDERS);    // Ronse
        zone("56", Regions.WEST_FLANDERS);    // Kortrijk; straddles Hainaut (Mouscron, Comines): majority West Flanders
        zone("57", Regions.WEST_FLANDERS);    // Ypres
        zone("58", Regions.WEST_FLANDERS);    // Veurne
        zone("59", Regions.WEST_FLANDERS);    // Ostend
        zone("60", Regions.HAINAUT);          // Chimay; straddles Namur (Couvin, Viroinval): majority Hainaut
        zone("61", Regions.LUXEMBOURG);       // Libramont
        zone("63", Regions.LUXEMBOURG);       // Arlon
        zone("64", Regions.HAINAUT);          // La Louvière
        zone("65", Regions.HAINAUT);          // Mons
        zone("67", Regions.WALLOON_BRABANT);  // Nivelles; straddles Hainaut (Soignies, Braine-le-Comte): majority Walloon Brabant
        zone("68", Regions.HAINAUT);          // Ath
        zone("69", Regions.HAINAUT);          // Tournai
        zone("71", Regions.HAINAUT);          // Charleroi; straddles Namur (Sambreville, Fosses-la-Ville): majority Hainaut
        zone("80", Regions.LIEGE);            // Stavelot
        zone("81", Regions.NAMUR);            // Namur
        zone("82", Regions.NAMUR);            // Dinant
        zone("83", Regions.NAMUR);            // Ciney
        zone("84", Regions.LUXEMBOURG);       // Marche-en-Famenne
        zone("85", Regions.LIEGE);            // Huy
        zone("86", Regions.LUXEMBOURG);       // Durbuy
        zone("87", Regions.LIEGE);            // Verviers
        zone("89", Regions.LIMBURG);          // Genk
    }

    private PhoneRegions() {
    }

    private static void zone(String prefix, String region) {
        ZONES.put(prefix, region);
    }

    public static String regionOf(PhoneNumber number) {
        if (number.getCountryCode() != BELGIUM) {
            String country = UTIL.getRegionCodeForNumber(number);
            boolean unknown = country == null || country.length() != 2 || country.equals(Regions.UNKNOWN);
            return unknown ? Regions.UNKNOWN : country;
        }
        PhoneNumberType type = UTIL.getNumberType(number);
        if (type != PhoneNumberType.FIXED_LINE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            return Regions.BELGIUM;
        }
        String national = Long.toString(number.getNationalNumber());
        String region = ZONES.get(national.substring(0, 1));
        if (region == null && national.length() > 1) {
            region = ZONES.get(national.substring(0, 2));
        }
        return region == null ? Regions.BELGIUM : region;
    }

    /** The zone prefixes (without the trunk 0) mapped to a region, for the simulator. */
    public static List<String> zonesOf(String region) {
        return ZONES.entrySet().stream().filter(e -> e.getValue().equals(region)).map(Map.Entry::getKey).toList();
    }
}
