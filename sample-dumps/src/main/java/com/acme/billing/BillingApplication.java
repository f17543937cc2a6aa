package com.acme.billing;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Random;

/** The billing service: a pool, the invoice store and the customer cache. */
public final class BillingApplication {

    // The running service, as a DI container or main() would keep it.
    private static BillingApplication running;

    private final HikariDataSource dataSource;
    private final InvoiceService invoices;
    private final CustomerDirectory customers = new CustomerDirectory();

    private BillingApplication(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.invoices = new InvoiceService(dataSource);
    }

    public static BillingApplication start(int customerCount) throws SQLException {
        BillingApplication app = new BillingApplication(BillingDataSource.create());
        app.invoices.createSchema();
        app.customers.loadDemoCustomers(customerCount);
        running = app;
        return app;
    }

    /** Normal traffic: create invoices and look up balances, all through the pool. */
    public void serveRequests(int count) throws SQLException {
        Random random = new Random(42);
        for (int i = 0; i < count; i++) {
            Customer customer = customers.get(customers.idAt(random.nextInt(customers.size())));
            long id = invoices.createInvoice(customer.id(), 1_000 + random.nextInt(90_000), i % 4 == 0 ? "PAID" : "OPEN");
            customer.invoiced(id);
            invoices.outstandingCents(customer.id());
        }
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public InvoiceService invoices() {
        return invoices;
    }

    public CustomerDirectory customers() {
        return customers;
    }
}
