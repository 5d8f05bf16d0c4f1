/**
 * Several gateway nodes on one database: membership with leases ({@link io.gomsggw.core.cluster.Membership}),
 * admin changes followed by every node ({@link io.gomsggw.core.cluster.DirectorySync}), and the work
 * of dead nodes taken over by a live one ({@link io.gomsggw.core.cluster.WorkTakeover}).
 * Nothing here talks to another node directly; the database is the only shared part.
 */
package io.gomsggw.core.cluster;
