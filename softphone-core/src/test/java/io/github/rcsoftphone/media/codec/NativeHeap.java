package io.github.rcsoftphone.media.codec;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;

/** glibc's {@code mallinfo2()}: bytes allocated with malloc in this process, to see native memory come back. */
final class NativeHeap {

    private NativeHeap() {
    }

    /** {@code struct mallinfo2} (all {@code size_t}). */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost"})
    public static final class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;
    }

    /** The C library, if it has {@code mallinfo2} (glibc 2.33 and later). */
    interface C extends Library {
        MallInfo2 mallinfo2();
    }

    private static C libc() {
        try {
            C c = Native.load("c", C.class);
            c.mallinfo2();
            return c;
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    static boolean available() {
        return libc() != null;
    }

    /** Bytes in use from malloc: small blocks plus mmapped large ones. */
    static long allocatedBytes() {
        MallInfo2 info = libc().mallinfo2();
        return info.uordblks + info.hblkhd;
    }
}
