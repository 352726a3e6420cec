package io.github.rcsoftphone.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTest {

    private static Map<String, String> parse(String text) {
        return DotEnv.parse(text, ".env");
    }

    @Test
    void plainAssignmentsCommentsAndBlankLines() {
        Map<String, String> env = parse("""
                # a comment
                A=1

                   B = two words  \t
                \t# indented comment
                C=
                """);
        assertThat(env).containsExactly(entry("A", "1"), entry("B", "two words"), entry("C", ""));
    }

    @Test
    void exportPrefixIsAccepted() {
        assertThat(parse("export SIP_INFO_DOMAIN=sip.example\nexport\tX=y\n"))
                .containsExactly(entry("SIP_INFO_DOMAIN", "sip.example"), entry("X", "y"));
    }

    @Test
    void aVariableNamedExportIsStillAVariable() {
        assertThat(parse("export=1")).containsExactly(entry("export", "1"));
    }

    @Test
    void inlineCommentsNeedWhiteSpaceBeforeTheHash() {
        assertThat(parse("A=value # comment\nB=pa#ss\nC=#start\nD=   # only a comment\nE=x\t#tab"))
                .containsExactly(entry("A", "value"), entry("B", "pa#ss"), entry("C", "#start"), entry("D", ""),
                        entry("E", "x"));
    }

    @Test
    void singleQuotesAreLiteral() {
        assertThat(parse("A='  a \\n \"b\" # not a comment '  # comment"))
                .containsExactly(entry("A", "  a \\n \"b\" # not a comment "));
    }

    @Test
    void doubleQuotesUnderstandEscapes() {
        assertThat(parse("A=\"line1\\nline2 \\\"q\\\" back\\\\slash\\ttab \\$x\" # c"))
                .containsExactly(entry("A", "line1\nline2 \"q\" back\\slash\ttab \\$x"));
    }

    @Test
    void quotedValuesMaySpanLines() {
        Map<String, String> env = parse("A=\"one\ntwo\"\nB='three\nfour'\nC=5\n");
        assertThat(env).containsExactly(entry("A", "one\ntwo"), entry("B", "three\nfour"), entry("C", "5"));
    }

    @Test
    void emptyQuotedValues() {
        assertThat(parse("A=\"\"\nB=''")).containsExactly(entry("A", ""), entry("B", ""));
    }

    @Test
    void windowsLineEndingsAndByteOrderMark() {
        assertThat(parse("\uFEFFA=1\r\nB=\"2\"\r\n# c\r\nC=3 # x\r\n"))
                .containsExactly(entry("A", "1"), entry("B", "2"), entry("C", "3"));
    }

    @Test
    void laterAssignmentWins() {
        assertThat(parse("A=1\nA=2")).containsExactly(entry("A", "2"));
    }

    @Test
    void noInterpolation() {
        assertThat(parse("A=${HOME}/x")).containsExactly(entry("A", "${HOME}/x"));
    }

    @Test
    void lineWithoutEqualsNamesFileAndLine() {
        assertThatThrownBy(() -> DotEnv.parse("A=1\n\njust some words\n", "/tmp/x/.env"))
                .isInstanceOf(DotEnvException.class)
                .hasMessageStartingWith("/tmp/x/.env:3: ")
                .hasMessageContaining("expected '='");
    }

    @Test
    void invalidNameIsReported() {
        assertThatThrownBy(() -> parse("A=1\n1ABC=2")).hasMessageStartingWith(".env:2: ")
                .hasMessageContaining("invalid variable name '1ABC=2'");
        assertThatThrownBy(() -> parse("=2")).hasMessageStartingWith(".env:1: invalid variable name");
        assertThatThrownBy(() -> parse("KEY-NAME=2")).hasMessageStartingWith(".env:1: expected '='");
    }

    @Test
    void exportWithoutAssignmentIsAnError() {
        assertThatThrownBy(() -> parse("export A")).hasMessageStartingWith(".env:1: expected '=' after 'A'");
    }

    @Test
    void unterminatedQuotesNameTheLineWhereTheValueStarts() {
        assertThatThrownBy(() -> parse("A=1\nB=\"open\nmore\n")).hasMessage(".env:2: unterminated double-quoted value for B");
        assertThatThrownBy(() -> parse("\n\nC='open")).hasMessage(".env:3: unterminated single-quoted value for C");
        assertThatThrownBy(() -> parse("D=\"ends in backslash\\")).hasMessageContaining("unterminated");
    }

    @Test
    void textAfterClosingQuoteIsAnError() {
        assertThatThrownBy(() -> parse("A=\"x\"\nB=\"a\nb\"c")).hasMessage(".env:3: unexpected text after the closing quote of B: 'c'");
    }

    @Test
    void lineNumbersCountLinesInsideQuotedValues() {
        assertThatThrownBy(() -> parse("A='1\n2\n3'\nbad")).hasMessageStartingWith(".env:4: ");
    }

    @Test
    void loadReadsAFileAndMissingFileIsEmpty(@TempDir Path dir) throws Exception {
        assertThat(DotEnv.load(dir.resolve(".env"))).isEmpty();
        Files.writeString(dir.resolve(".env"), "SIP_INFO_USERNAME=16505550100\n");
        assertThat(DotEnv.load(dir.resolve(".env"))).containsExactly(entry("SIP_INFO_USERNAME", "16505550100"));
    }

    @Test
    void unreadableFileIsAnError(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve(".env"));
        assertThatThrownBy(() -> DotEnv.load(dir.resolve(".env"))).isInstanceOf(DotEnvException.class)
                .hasMessageContaining("cannot read");
    }
}
