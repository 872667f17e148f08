package fr.maillon.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.maillon.TestUsers;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;

/** Bodies larger than their address allows are refused before they are read, and the server keeps serving. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RequestSizeLimitsTests {

    private static final byte[] TEN_MEGABYTES = new byte[10 * 1024 * 1024];

    static {
        Arrays.fill(TEN_MEGABYTES, (byte) 'a');
    }

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void anOversizedPasswordIsRefusedBeforeItIsRead() throws Exception {
        byte[] body = ("{\"username\":\"x\",\"password\":\"" + "a".repeat(200_000) + "\",\"label\":\"x\"}").getBytes();
        HttpResponse<String> response = send(post("/api/v1/tokens", body, "application/json"));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("16 Ko");
    }

    @Test
    void twoHundredAnonymousTenMegabyteBodiesAreRefusedWhileSignedInCallsAnswer() throws Exception {
        String token = token();
        List<String> paths = List.of("/api/v1/tokens", "/login", "/s/un-lien", "/review/un-lien", "/api/v1/structures",
                "/evaluations/1/chain");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<String>> refused = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String path = paths.get(i % paths.size());
                refused.add(pool.submit(() -> announceTenMegabytes(path)));
            }
            List<Integer> signedIn = new ArrayList<>();
            do {
                signedIn.add(send(HttpRequest.newBuilder(uri("/api/v1/structures"))
                        .header("Authorization", "Bearer " + token).build()).statusCode());
            }
            while (!refused.stream().allMatch(Future::isDone));
            for (Future<String> statusLine : refused) {
                assertThat(statusLine.get()).startsWith("HTTP/1.1 413");
            }
            assertThat(signedIn).containsOnly(200);
        }
        finally {
            pool.shutdownNow();
        }
    }

    /**
     * Announces a body of 10 MB and sends none of it: the answer must come before the body, which
     * shows that the server did not wait to read it. Returns the status line.
     */
    private String announceTenMegabytes(String path) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + TEN_MEGABYTES.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    @Test
    void aClientThatSendsAMegabyteWithoutAskingStillReadsTheRefusal() throws Exception {
        byte[] megabyte = Arrays.copyOf(TEN_MEGABYTES, 1024 * 1024);
        HttpResponse<String> response = send(post("/login", megabyte, "application/x-www-form-urlencoded"));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("Rien n'a été modifié");
    }

    @Test
    void anAnonymousBodyWithoutItsLengthIsRefused() throws Exception {
        HttpRequest chunked = HttpRequest.newBuilder(uri("/api/v1/tokens")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("{}".getBytes())))
                .build();
        assertThat(send(chunked).statusCode()).isEqualTo(411);
    }

    @Test
    void aSignedInCallHasItsOwnLimitCountedEvenWithoutALength() throws Exception {
        String token = token();
        byte[] threeMegabytes = ("{\"name\":\"" + "a".repeat(3 * 1024 * 1024) + "\"}").getBytes();
        HttpResponse<String> announced = send(HttpRequest.newBuilder(uri("/api/v1/evaluations/1/stakeholders"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(threeMegabytes)).build());
        assertThat(announced.statusCode()).isEqualTo(413);
        HttpResponse<String> streamed = send(HttpRequest.newBuilder(uri("/api/v1/evaluations/1/stakeholders"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(threeMegabytes)))
                .build());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(streamed.body()).contains("taille");
        byte[] small = "{\"name\":\"Habitants\"}".getBytes();
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/evaluations/1/stakeholders"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(small)).build()).statusCode()).isNotEqualTo(413);
    }

    @Test
    void aPublicSurveyAnswerMayBeLongerThanOtherAnonymousCalls() throws Exception {
        byte[] answer = ("q1=" + "%C3%A9".repeat(8000)).getBytes();
        assertThat(answer.length).isGreaterThan((int) RequestSizeLimits.ANONYMOUS);
        assertThat(status(post("/s/un-lien-inconnu", answer, "application/x-www-form-urlencoded"))).isEqualTo(404);
        assertThat(status(post("/login", answer, "application/x-www-form-urlencoded"))).isEqualTo(413);
    }

    private String token() throws Exception {
        TestUsers.Created member = users.structureWithMember(Role.STRUCTURE_ADMIN);
        String body = "{\"username\":\"" + member.username() + "\",\"password\":\"" + TestUsers.PASSWORD
                + "\",\"label\":\"test\"}";
        HttpResponse<String> created = send(post("/api/v1/tokens", body.getBytes(), "application/json"));
        assertThat(created.statusCode()).isEqualTo(201);
        return created.body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private HttpRequest post(String path, byte[] body, String type) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private int status(HttpRequest request) throws Exception {
        return send(request).statusCode();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
