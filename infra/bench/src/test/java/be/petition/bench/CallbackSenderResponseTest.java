package be.petition.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.bench.CallbackSender.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sender's reading of an answer: whole or not yet, its status, and whether the connection ends with it. */
class CallbackSenderResponseTest {

    @Test
    void anAnswerWithALengthIsWholeOnlyWithItsWholeBody() throws IOException {
        String answer = "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}";
        for (int cut = 0; cut < answer.length(); cut++) {
            assertThat(parse(answer.substring(0, cut))).as("the first %d bytes", cut).isNull();
        }
        assertThat(parse(answer)).isEqualTo(new Response(202, false));
    }

    @Test
    void aChunkedAnswerIsWholeAtItsLastEmptyChunk() throws IOException {
        String answer = "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "5\r\nhello\r\n1a;ext=1\r\n abcdefghijklmnopqrstuvwxy\r\n0\r\n\r\n";
        for (int cut = 0; cut < answer.length(); cut++) {
            assertThat(parse(answer.substring(0, cut))).as("the first %d bytes", cut).isNull();
        }
        assertThat(parse(answer)).isEqualTo(new Response(503, true));
    }

    @Test
    void anAnswerWithoutBodyIsWholeAtTheEndOfItsHeaders() throws IOException {
        assertThat(parse("HTTP/1.1 204 No Content\r\nDate: today\r\n\r\n")).isEqualTo(new Response(204, false));
    }

    @Test
    void somethingElseThanHttpIsAnError() {
        assertThatThrownBy(() -> parse("SSH-2.0-OpenSSH\r\n\r\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("not an HTTP/1.1 answer");
        assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("chunk size");
    }

    private static Response parse(String bytes) throws IOException {
        byte[] array = bytes.getBytes(StandardCharsets.ISO_8859_1);
        return Response.parse(array, array.length);
    }
}
