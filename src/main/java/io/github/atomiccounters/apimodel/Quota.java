package io.github.atomiccounters.apimodel;

/** Usage plan quota: {@code limit} requests per {@code period} (DAY, WEEK or MONTH). */
public record Quota(int limit, String period) {
}
