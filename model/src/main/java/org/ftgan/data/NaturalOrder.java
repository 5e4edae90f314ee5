package org.ftgan.data;

import java.util.Comparator;

/**
 * Orders file and directory names as people read them: runs of digits compare by value
 * ("frame2" before "frame10", subject "9" before "10"), everything else by character; names that
 * only differ in leading zeros fall back to plain string order, so the order is total.
 */
final class NaturalOrder implements Comparator<String> {
    static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int ei = runEnd(a, i);
                int ej = runEnd(b, j);
                int c = compareDigitRuns(a.substring(i, ei), b.substring(j, ej));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int rest = Integer.compare(a.length() - i, b.length() - j);
        return rest != 0 ? rest : a.compareTo(b);
    }

    private static int compareDigitRuns(String x, String y) {
        String sx = stripLeadingZeros(x);
        String sy = stripLeadingZeros(y);
        if (sx.length() != sy.length()) {
            return Integer.compare(sx.length(), sy.length());
        }
        return sx.compareTo(sy);
    }

    private static String stripLeadingZeros(String s) {
        int k = 0;
        while (k < s.length() - 1 && s.charAt(k) == '0') {
            k++;
        }
        return s.substring(k);
    }

    private static int runEnd(String s, int from) {
        int e = from;
        while (e < s.length() && isDigit(s.charAt(e))) {
            e++;
        }
        return e;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
