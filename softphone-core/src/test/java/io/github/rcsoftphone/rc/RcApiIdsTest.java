package io.github.rcsoftphone.rc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RcApiIdsTest {

    @Test
    void articleHeaderParses() {
        assertThat(RcApiIds.parse("party-id=p-0a7c8d86db8a434fa4a0d029a9909f19-2;"
                + "session-id=s-0a7c8d86db8a434fa4a0d029a9909f19"))
                .contains(new RcApiIds("p-0a7c8d86db8a434fa4a0d029a9909f19-2", "s-0a7c8d86db8a434fa4a0d029a9909f19"));
    }

    @Test
    void orderCaseSpacesAndExtraParametersAreTolerated() {
        assertThat(RcApiIds.parse(" Session-Id = s-1 ; x=y; PARTY-ID=\"p-2\" "))
                .contains(new RcApiIds("p-2", "s-1"));
    }

    @Test
    void missingIdsGiveEmpty() {
        assertThat(RcApiIds.parse(null)).isEmpty();
        assertThat(RcApiIds.parse("")).isEmpty();
        assertThat(RcApiIds.parse("party-id=p-1")).isEmpty();
        assertThat(RcApiIds.parse("party-id=;session-id=s-1")).isEmpty();
        assertThat(RcApiIds.parse("garbage")).isEmpty();
    }
}
