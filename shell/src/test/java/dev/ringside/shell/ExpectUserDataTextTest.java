package dev.ringside.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user_data typed in hex comes back in hex: in the CQE line, in expect's ok line and in its miss. */
class ExpectUserDataTextTest {
    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();

    @Test
    void hexUserDataEchoesInHex() {
        console.run("ring create");
        console.run("sqe nop user_data=0x10");
        String cqe = console.run("submit wait=1");
        assertTrue(cqe.contains("user_data=0x10"), cqe);
        String ok = console.run("expect cqe user_data=0x10 res=0");
        assertTrue(ok.contains("ok cqe user_data=0x10 res=0"), ok);
        console.run("sqe nop user_data=0x2a");
        console.run("submit wait=1");
        String miss = assertThrowsMiss("expect cqe user_data=0x2a res=-EINVAL");
        assertTrue(miss.contains("expected cqe user_data=0x2a res=") && miss.contains("got cqe user_data=0x2a res=0"), miss);
    }

    @Test
    void decimalUserDataStaysDecimal() {
        console.run("ring create");
        console.run("sqe nop user_data=16");
        console.run("submit wait=1");
        String ok = console.run("expect cqe user_data=16");
        assertTrue(ok.contains("ok cqe user_data=16"), ok);
    }

    private String assertThrowsMiss(String line) {
        ExpectationFailed miss = org.junit.jupiter.api.Assertions.assertThrows(ExpectationFailed.class, () -> console.run(line));
        return miss.getMessage();
    }
}
