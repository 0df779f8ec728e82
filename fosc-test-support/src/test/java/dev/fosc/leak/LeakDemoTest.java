package dev.fosc.leak;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A test that leaks a buffer, to see the build fail: it is skipped unless {@code -Dfosc.leak.demo=true}.
 * <pre>mvn -B -ntp -pl fosc-test-support verify -Dfosc.leak.demo=true</pre>
 * must end in {@code BUILD FAILURE}, with "Netty buffer leak: buffers allocated during or before
 * LeakDemoTest were still unreleased" from {@link LeakCheckExtension}.
 */
@EnabledIfSystemProperty(named = "fosc.leak.demo", matches = "true")
class LeakDemoTest {

    @Test
    void leaksOneBuffer() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.directBuffer(16);
        leaked.writeInt(1); // used, never released
    }
}
