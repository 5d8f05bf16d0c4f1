package io.gomsggw.core.admin;

/** The client, number, carrier or failover addressed does not exist, or not under that parent (HTTP 404). */
public final class NotFoundException extends AdminException {
    public NotFoundException(String message) {
        super(message);
    }

    static NotFoundException client(long id) {
        return new NotFoundException("client " + id + " not found");
    }

    static NotFoundException number(long id) {
        return new NotFoundException("number " + id + " not found");
    }

    static NotFoundException carrier(long id) {
        return new NotFoundException("carrier " + id + " not found");
    }

    static NotFoundException failover(long id) {
        return new NotFoundException("failover " + id + " not found");
    }
}
