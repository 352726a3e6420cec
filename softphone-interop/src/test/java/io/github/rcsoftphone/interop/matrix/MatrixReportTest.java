package io.github.rcsoftphone.interop.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixReportTest {

    @Test
    void rendersOneRowPerRunWithResultMeasurementsAndTotals() {
        MatrixRow pass = new MatrixRow("baresip", "TLS (SDES)", "outbound", "PCMU", "audio both ways", "Kamailio+rtpengine",
                "OutboundCallInteropTest#x", "pass", "", 12.34, Map.of("softphone heard", "1000 Hz"));
        MatrixRow fail = new MatrixRow("sipp", "WSS (WebRTC)", "inbound", "PCMU", "DTMF | keys", "Kamailio+rtpengine",
                "DtmfInteropTest#y [1] WSS", "FAIL", "expected 159#", 3, Map.of());
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("Kamailio", "5.6.3");
        String md = MatrixReport.render(List.of(pass, fail), versions);
        assertThat(md).contains("**2 runs: 1 pass, 1 fail, 0 skipped.**", "Peers: Kamailio 5.6.3.",
                "| baresip | Kamailio+rtpengine | TLS (SDES) | outbound | PCMU | audio both ways | pass | softphone heard 1000 Hz"
                        + " | OutboundCallInteropTest#x (12.3 s) |",
                "| DTMF \\| keys | **FAIL**: expected 159# |");
    }

    @Test
    void measurementsAreWrittenAtOnceAndRoundTrip() throws Exception {
        MatrixRecorder r = new MatrixRecorder("[engine:junit-jupiter]/[class:X]/[method:m()]-test");
        r.set("codec", "Opus").measure("heard", 440.0, "Hz").measure("level", -9.04, "dBFS").text("digits", "159#");
        java.nio.file.Path f = MatrixRecorder.MEASURED.resolve(MatrixListener.fileName(
                "[engine:junit-jupiter]/[class:X]/[method:m()]-test"));
        assertThat(java.nio.file.Files.readString(f)).contains("\"codec\" : \"Opus\"", "\"heard\" : \"440 Hz\"",
                "\"level\" : \"-9.0 dBFS\"", "\"digits\" : \"159#\"");
        java.nio.file.Files.delete(f);
    }
}
