package io.github.rcsoftphone.bench.micro;

import io.github.rcsoftphone.sip.message.SipMessage;
import io.github.rcsoftphone.sip.message.SipParseException;
import io.github.rcsoftphone.sip.message.SipParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SIP parse and write of the article's REGISTER 200 OK and INVITE with SDP, one thread (= one core). The parser
 * leaves structured header values for later, so {@code parseInviteAndRead} also reads what the call code reads of
 * every INVITE (Call-ID, CSeq, Vias, From, To).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SipBench {
    private byte[] register200;
    private byte[] invite;
    private SipMessage register200Message;
    private SipMessage inviteMessage;

    @Setup
    public void setUp() throws SipParseException {
        register200 = SipSamples.bytes(SipSamples.REGISTER_200);
        invite = SipSamples.bytes(SipSamples.INVITE);
        register200Message = SipParser.parse(register200);
        inviteMessage = SipParser.parse(invite);
    }

    @Benchmark
    public SipMessage parseRegister200() throws SipParseException {
        return SipParser.parse(register200);
    }

    @Benchmark
    public SipMessage parseInvite() throws SipParseException {
        return SipParser.parse(invite);
    }

    @Benchmark
    public void parseInviteAndRead(Blackhole bh) throws SipParseException {
        SipMessage m = SipParser.parse(invite);
        bh.consume(m.callId());
        bh.consume(m.cseq());
        bh.consume(m.vias());
        bh.consume(m.from());
        bh.consume(m.to());
    }

    @Benchmark
    public byte[] writeRegister200() {
        return register200Message.toBytes();
    }

    @Benchmark
    public byte[] writeInvite() {
        return inviteMessage.toBytes();
    }
}
