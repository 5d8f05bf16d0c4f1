/**
 * Several gateway nodes on one database: membership with leases ({@link io.gomsggw.core.cluster.Membership}).
 * Nothing here talks to another node directly; the database is the only shared part.
 */
package io.gomsggw.core.cluster;
