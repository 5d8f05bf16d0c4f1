package io.gomsggw.core.admin;

/**
 * The client, number, carrier or failover addressed does not exist, or not under that parent (HTTP
 * 404). The texts are the Go gateway's ({@code "Client not found"}), which its users' scripts may
 * compare; the id is in the request already.
 */
public final class NotFoundException extends AdminException {
    public NotFoundException(String message) {
        super(message);
    }

    static NotFoundException client(long id) {
        return new NotFoundException("Client not found");
    }

    static NotFoundException number(long id) {
        return new NotFoundException("Number not found");
    }

    static NotFoundException carrier(long id) {
        return new NotFoundException("Carrier not found");
    }

    static NotFoundException failover(long id) {
        return new NotFoundException("Failover not found");
    }
}
