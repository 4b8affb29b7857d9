package dev.ringside.tracer.trace;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Each io_uring event's format file, read from this kernel, maps what trace_pipe prints back to field names. */
class EventFormatTest {
    /** The 6.18 format of io_uring_complete, as /sys/kernel/tracing/events/io_uring/io_uring_complete/format has it. */
    static final String COMPLETE = """
            name: io_uring_complete
            ID: 2141
            format:
            \tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;
            \tfield:void * ctx;\toffset:8;\tsize:8;\tsigned:0;
            \tfield:void * req;\toffset:16;\tsize:8;\tsigned:0;
            \tfield:u64 user_data;\toffset:24;\tsize:8;\tsigned:0;
            \tfield:int res;\toffset:32;\tsize:4;\tsigned:1;
            \tfield:unsigned cflags;\toffset:36;\tsize:4;\tsigned:0;
            \tfield:u64 extra1;\toffset:40;\tsize:8;\tsigned:0;
            \tfield:u64 extra2;\toffset:48;\tsize:8;\tsigned:0;

            print fmt: "ring %p, req %p, user_data 0x%llx, result %d, cflags 0x%x extra1 %llu extra2 %llu ", REC->ctx, REC->req, REC->user_data, REC->res, REC->cflags, (unsigned long long) REC->extra1, (unsigned long long) REC->extra2
            """;

    @Test
    void aCompleteLineReadsBackByFieldName() {
        EventFormat format = EventFormat.parse("io_uring_complete", COMPLETE);
        assertEquals(List.of("ctx", "req", "user_data", "res", "cflags", "extra1", "extra2"), format.fields());
        Map<String, String> fields = format.read(
                "ring 000000004a6e1b2c, req 00000000d2f1e0a3, user_data 0x2, result -62, cflags 0x0 extra1 0 extra2 0 ").orElseThrow();
        assertEquals("0x2", fields.get("user_data"));
        assertEquals("-62", fields.get("res"));
        assertEquals("000000004a6e1b2c", fields.get("ctx"));
        assertTrue(format.read("something else entirely").isEmpty());
    }

    /** Every argument of every io_uring print fmt of the running kernel names a field its format declares. */
    @Test
    void everyRunningKernelFormatMapsToDeclaredFields() throws IOException {
        Path system = Tracefs.MOUNT_POINT.resolve("events").resolve(KernelTracer.SYSTEM);
        assumeTrue(Files.isDirectory(system), "tracefs with io_uring events is not mounted (root mounts it when tracing)");
        List<Path> events;
        try (var list = Files.list(system)) {
            events = list.filter(Files::isDirectory).toList();
        }
        assertTrue(events.size() >= 10, events.toString());
        for (Path event : events) {
            EventFormat format = EventFormat.parse(event.getFileName().toString(), Files.readString(event.resolve("format")));
            assertTrue(format.fields().contains("ctx") || format.fields().contains("tctx"), format.toString());
            for (String printed : format.printed()) {
                assertTrue(format.fields().contains(printed), event.getFileName() + " prints " + printed + ", not in " + format.fields());
            }
        }
    }
}
