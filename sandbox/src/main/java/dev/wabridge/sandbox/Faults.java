package dev.wabridge.sandbox;

import io.netty.channel.ChannelHandlerContext;

import java.util.concurrent.TimeUnit;

/** Fault injection: delays outgoing frames by a set time. */
final class Faults {
    private volatile long delayMillis;

    void setDelay(long millis) {
        delayMillis = Math.max(0, millis);
    }

    long delay() {
        return delayMillis;
    }

    void delay(ChannelHandlerContext ctx, Runnable write) {
        long d = delayMillis;
        if (d == 0) {
            write.run();
        } else {
            ctx.executor().schedule(write, d, TimeUnit.MILLISECONDS);
        }
    }
}
