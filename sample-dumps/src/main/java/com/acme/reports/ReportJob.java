package com.acme.reports;

/** One report to render: the query parameter and the page size. */
public record ReportJob(String customerId, int pageSize) {
}
