package be.petition.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import be.petition.avro.Channel;
import be.petition.stack.EmbeddedStackExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page in Debian's headless chromium, driven through the DevTools protocol: the number and the map render,
 * the number follows new signatures, the language switch works. Screenshots go to target/screenshots/.
 */
@ExtendWith(EmbeddedStackExtension.class)
class LivePageIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> REGIONS = List.of("BE-VAN", "BE-VAN", "BE-VOV", "BE-WLG", "BE-BRU", "BE-WHT",
            "BE-VBR", "BE-WLX", "BE", "NL");

    @TempDir
    Path tmp;

    private PipelineRig rig;
    private CountingService service;
    private Process chromium;

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.destroyForcibly();
        }
        if (service != null) {
            service.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void theNumberAndTheMapRenderFollowNewSignaturesAndSwitchLanguage() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Skipped: Debian's chromium is not installed at " + CHROMIUM
                + " (apt-get install -y chromium; .ci/run installs it)");
        rig = new PipelineRig();
        service = CountingService.start(rig.config(tmp.resolve("state")));
        Instant now = Instant.now();
        for (int signer = 0; signer < 60; signer++) {
            rig.sign(signer, Channel.values()[1 + signer % 3], REGIONS.get(signer % REGIONS.size()),
                    now.minusSeconds(signer * 1500L));
        }
        rig.flush();
        String url = service.httpUrl();
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                rig.json(url + "/api/v1/total").get("total").asLong() == 60);

        try (DevTools page = openPage()) {
            page.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 1600,
                    "deviceScaleFactor", 1, "mobile", false));
            page.call("Page.navigate", Map.of("url", url + "/?lang=nl"));
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                    "60".equals(page.eval("document.getElementById('total').textContent").asText()));
            assertThat(page.eval("document.querySelectorAll('#map path').length").asInt()).isGreaterThanOrEqualTo(11);
            JsonNode antwerp = page.eval("(function () { var p = document.querySelector('#map path[data-region=\"BE-VAN\"]');"
                    + " return {count: p.dataset.count, fill: p.style.fill}; })()");
            assertThat(antwerp.get("count").asInt()).isEqualTo(12);
            assertThat(antwerp.get("fill").asText()).startsWith("rgb(");
            assertThat(page.eval("document.getElementById('status').textContent").asText()).startsWith("Live");

            for (int signer = 100; signer < 105; signer++) {
                rig.sign(signer, Channel.WEB, "BE-WNA", Instant.now());
            }
            rig.flush();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                    "65".equals(page.eval("document.getElementById('total').textContent").asText()));
            screenshot(page, "live-page.png");

            String dutch = page.eval("document.getElementById('channel-title').textContent").asText();
            page.eval("(function () { var s = document.getElementById('lang'); s.value = 'fr';"
                    + " s.dispatchEvent(new Event('change')); })()");
            assertThat(page.eval("document.documentElement.lang").asText()).isEqualTo("fr");
            String french = page.eval("document.getElementById('channel-title').textContent").asText();
            assertThat(french).isNotBlank().isNotEqualTo(dutch);
            assertThat(page.eval("document.getElementById('total').textContent").asText()).isEqualTo("65");
            screenshot(page, "live-page-fr.png");
        }
    }

    private DevTools openPage() throws Exception {
        Path profile = tmp.resolve("chromium-profile");
        chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "--window-size=1280,1600", "about:blank")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(portFile)
                && Files.readAllLines(portFile).size() >= 2);
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        JsonNode targets = rig.json("http://127.0.0.1:" + port + "/json/list");
        for (JsonNode target : targets) {
            if ("page".equals(target.get("type").asText())) {
                return DevTools.connect(target.get("webSocketDebuggerUrl").asText());
            }
        }
        throw new IllegalStateException("chromium has no page to drive: " + targets);
    }

    private static void screenshot(DevTools page, String name) throws Exception {
        JsonNode shot = page.call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), Base64.getDecoder().decode(shot.get("data").asText()));
    }
}
