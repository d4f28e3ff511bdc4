/** Text codecs: strings to and from bytes in a charset, and lines. */
package io.sluice.codec.string;
