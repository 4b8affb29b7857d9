package dev.ringside.tracer.register;

/**
 * One zcrx interface queue registered on a ring, as the kernel answered: its zcrx_id there and the
 * refill queue it uses (its own, or, when imported with ZCRX_REG_IMPORT, the exporter's).
 *
 * @param name       the console's name for it
 * @param ring       the ring it is registered on
 * @param id         zcrx_id, what a RECV_ZC's zcrx_ifq_idx names
 * @param importedFrom the name of the ifq it was imported from, or empty
 */
public record ZcrxIfq(String name, String ring, int id, ZcrxRefillQueue rq, String importedFrom) {
}
