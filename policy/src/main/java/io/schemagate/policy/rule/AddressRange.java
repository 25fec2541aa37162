package io.schemagate.policy.rule;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A client address range in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a single
 * address. Only literal addresses are accepted: a policy must never depend on a DNS answer.
 */
public final class AddressRange {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final String text;
    private final byte[] network;
    private final int prefix;

    private AddressRange(String text, byte[] network, int prefix) {
        this.text = text;
        this.network = network;
        this.prefix = prefix;
    }

    /** @throws IllegalArgumentException with a message fit for a policy author */
    public static AddressRange parse(String text) {
        Objects.requireNonNull(text, "address must not be null");
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(host);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range "
                    + "(write e.g. 10.0.0.0/8, 192.168.1.20 or 2001:db8::/32; host names are not allowed)");
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("'" + text + "': the prefix length must be 0.." + max);
            }
        }
        return new AddressRange(text, mask(bytes, prefix), prefix);
    }

    /** True when {@code address} (an IP literal, as the gateway saw the client) lies in this range. */
    public boolean contains(String address) {
        if (address == null) {
            return false;
        }
        String host = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        byte[] bytes = literal(host);
        if (bytes == null || bytes.length != network.length) {
            return false;
        }
        return java.util.Arrays.equals(mask(bytes, prefix), network);
    }

    private static byte[] literal(String host) {
        boolean v4 = IPV4.matcher(host).matches();
        if (!v4 && !host.contains(":")) {
            return null;
        }
        if (v4) {
            for (String part : host.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        try {
            // A dotted quad or a text with ':' is parsed as a literal, never looked up. IPv4-mapped
            // IPv6 addresses (::ffff:10.0.0.1) come back as IPv4, so both spellings match a v4 range.
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        BigInteger value = new BigInteger(1, bytes);
        int bits = bytes.length * 8;
        BigInteger m = prefix == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(prefix).subtract(BigInteger.ONE).shiftLeft(bits - prefix);
        byte[] raw = value.and(m).toByteArray();
        byte[] out = new byte[bytes.length];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
