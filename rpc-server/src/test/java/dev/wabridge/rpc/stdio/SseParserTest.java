package dev.wabridge.rpc.stdio;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SseParserTest {
    @Test
    void eventsSplitAnywhereAreReassembled() {
        String stream = "id: a-0\ndata: \n\n: keep-alive\n\nid: a-1\nevent: message\ndata: {\"x\":1}\n\ndata: line1\r\ndata: line2\r\n\r\n";
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            List<String> events = new ArrayList<>();
            SseParser parser = new SseParser(events::add);
            int pos = 0;
            while (pos < stream.length()) {
                int next = Math.min(stream.length(), pos + 1 + random.nextInt(8));
                parser.feed(stream.substring(pos, next));
                pos = next;
            }
            assertEquals(List.of("{\"x\":1}", "line1\nline2"), events, "seed " + seed);
        }
    }
}
