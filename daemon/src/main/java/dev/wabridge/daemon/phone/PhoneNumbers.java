package dev.wabridge.daemon.phone;

import dev.wabridge.daemon.errors.UserError;

import java.util.regex.Pattern;

/**
 * Phone numbers as the product documents them: E.164 with a leading '+', the country code,
 * no spaces or punctuation ("+34600000000"). E.164 allows at most 15 digits and no leading 0
 * in the country code.
 */
public final class PhoneNumbers {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private PhoneNumbers() {
    }

    /** Returns the phone unchanged when valid; otherwise explains the right form. */
    public static String require(String phone) {
        if (phone != null && E164.matcher(phone).matches()) {
            return phone;
        }
        throw new UserError(explain(phone));
    }

    static String explain(String phone) {
        String shown = phone == null ? "nothing" : "'" + (phone.length() > 40 ? phone.substring(0, 40) + "…" : phone) + "'";
        String hint;
        if (phone == null || phone.isBlank()) {
            hint = "";
        } else if (phone.startsWith("00")) {
            hint = " Replace the leading 00 with +: '+" + phone.substring(2).replaceAll("[^0-9]", "") + "'.";
        } else if (phone.matches("[0-9 ()-]+")) {
            hint = " Add + and the country code, e.g. '+34" + phone.replaceAll("[^0-9]", "") + "' for Spain.";
        } else if (phone.startsWith("+") && phone.matches("\\+[0-9 ()-]+")) {
            hint = " Remove spaces and punctuation: '+" + phone.substring(1).replaceAll("[^0-9]", "") + "'.";
        } else {
            hint = "";
        }
        return "Invalid phone " + shown + ": use international E.164 form with a leading + and the country code, "
                + "digits only, e.g. +34600000000 (not 600000000 or 0034600000000)." + hint;
    }
}
