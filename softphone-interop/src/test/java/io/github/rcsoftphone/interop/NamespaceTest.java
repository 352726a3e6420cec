package io.github.rcsoftphone.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.NetworkInterface;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class NamespaceTest {
    @Test
    void onlyLoopbackExists() throws Exception {
        var names = Collections.list(NetworkInterface.getNetworkInterfaces()).stream().map(NetworkInterface::getName).toList();
        assertThat(names).containsExactly("lo");
    }
}
