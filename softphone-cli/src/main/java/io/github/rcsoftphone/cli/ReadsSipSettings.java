package io.github.rcsoftphone.cli;

/**
 * Marks a command that reads the SIP settings ({@code SIP_INFO_*}, {@code RINGCENTRAL_*}, {@code SOFTPHONE_*}):
 * its help gets the environment section and, unless it declares its own, the full exit-code list
 * (see {@link HelpSections}).
 */
interface ReadsSipSettings {
}
