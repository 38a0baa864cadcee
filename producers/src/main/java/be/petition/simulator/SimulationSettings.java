package be.petition.simulator;

import be.petition.config.ServiceConfig;
import java.time.Duration;

/** The simulator's settings ({@code simulator.properties}, keys {@code simulate.*}). */
record SimulationSettings(String target, String gatewayUrl, String campaign, double rate, long count,
                          Duration duration, long seed, int maxInFlight, double callShare, double webShare,
                          double appShare, double duplicateShare, double resentShare, double withdrawalShare,
                          double withheldShare, double notCountingShare, double malformedShare, double mobileShare,
                          double foreignShare, Duration burstEvery, Duration burstLength, double burstFactor,
                          String truthFile, boolean progress) {

    static SimulationSettings from(ServiceConfig config) {
        String durationText = config.string("simulate.duration", null);
        String target = config.string("simulate.target");
        String maxInFlightKey = target.equals("kafka") ? "simulate.kafka.max.in.flight" : "simulate.max.in.flight";
        SimulationSettings settings = new SimulationSettings(target,
                config.string("simulate.gateway.url"), config.string("simulate.campaign"),
                number(config, "simulate.rate"), config.longValue("simulate.count"),
                durationText == null ? null : config.duration("simulate.duration"), config.longValue("simulate.seed"),
                config.integer(maxInFlightKey), share(config, "simulate.mix.call"),
                share(config, "simulate.mix.web"), share(config, "simulate.mix.app"),
                share(config, "simulate.share.duplicates"), share(config, "simulate.share.resent"),
                share(config, "simulate.share.withdrawals"), share(config, "simulate.share.withheld"),
                share(config, "simulate.share.not.counting"), share(config, "simulate.share.malformed"),
                share(config, "simulate.share.mobile"), share(config, "simulate.share.foreign"),
                config.duration("simulate.burst.every"), config.duration("simulate.burst.length"),
                number(config, "simulate.burst.factor"), config.string("simulate.truth", null),
                config.bool("simulate.progress"));
        if (!settings.target.equals("http") && !settings.target.equals("kafka")) {
            throw new IllegalArgumentException("Setting \"simulate.target\" must be http or kafka, not \"" + settings.target + "\"");
        }
        if (settings.maxInFlight < 1) {
            throw new IllegalArgumentException("Setting \"" + maxInFlightKey + "\" must be at least 1");
        }
        if (settings.callShare + settings.webShare + settings.appShare <= 0) {
            throw new IllegalArgumentException("The channel mix (simulate.mix.call/web/app) must not be all 0");
        }
        if (settings.duplicateShare + settings.resentShare + settings.withdrawalShare + settings.malformedShare > 0.9) {
            throw new IllegalArgumentException("Duplicates, re-sends, withdrawals and malformed requests together must"
                    + " stay below 0.9 of the traffic");
        }
        return settings;
    }

    private static double number(ServiceConfig config, String key) {
        String value = config.string(key);
        try {
            double number = Double.parseDouble(value.trim());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting \"" + key + "\" must be a number, 0 or more, not \"" + value + "\"");
        }
    }

    private static double share(ServiceConfig config, String key) {
        double share = number(config, key);
        if (share > 1) {
            throw new IllegalArgumentException("Setting \"" + key + "\" is a share between 0 and 1, not " + share);
        }
        return share;
    }
}
