/* loop_nops.bpf.c: a BPF event loop (seed 000) for examples/bpf-loop.iou. In the ring's own
 * io_uring_enter(GETEVENTS) it submits NOPS NOPs with user_data 1..NOPS from slot 0 (an SQ_REWIND
 * ring), waits until their CQEs are posted and stops, leaving the CQEs in the CQ ring for the console
 * to reap and show. The ring: SINGLE_ISSUER|DEFER_TASKRUN|NO_SQARRAY|SQ_REWIND, 8 SQ entries,
 * cq_entries 16. The CQ offsets below are placeholders: bpf loop attach writes the ring's own
 * (io_uring_params.cq_off) into .rodata before loading, as liburing's bpf_nops.c does in its skeleton. */
#include "iou_loop.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#define NOPS 4
#define SQ_ENTRIES 8
#define CQ_ENTRIES 16

const volatile __u32 cq_head_offset = 0;
const volatile __u32 cq_tail_offset = 0;
const volatile __u32 cqes_offset = 0;

__u32 submitted;

SEC("struct_ops/loop_step")
int BPF_PROG(nops_loop_step, struct io_ring_ctx *ring, struct iou_loop_params *ls)
{
	struct io_uring_sqe *sqes;
	void *rings;
	__u32 *cq_tail, *cq_head;
	int i;

	sqes = (void *)bpf_io_uring_get_region(ring, IOU_REGION_SQ, SQ_ENTRIES * sizeof(struct io_uring_sqe));
	rings = (void *)bpf_io_uring_get_region(ring, IOU_REGION_CQ, cqes_offset + CQ_ENTRIES * sizeof(struct io_uring_cqe));
	if (!rings || !sqes)
		return IOU_LOOP_STOP;
	cq_head = rings + cq_head_offset;
	cq_tail = rings + cq_tail_offset;

	if (!submitted) {
		for (i = 0; i < NOPS; i++) {
			struct io_uring_sqe *sqe = &sqes[i];

			*sqe = (struct io_uring_sqe){};
			sqe->opcode = IORING_OP_NOP;
			sqe->user_data = i + 1;
		}
		if (bpf_io_uring_submit_sqes(ring, NOPS) != NOPS)
			return IOU_LOOP_STOP;
		submitted = NOPS;
	}
	/* the CQEs stay for user space: stop once all are posted, else wait for the last */
	if (*cq_tail - *cq_head >= NOPS)
		return IOU_LOOP_STOP;
	ls->cq_wait_idx = *cq_head + NOPS;
	return IOU_LOOP_CONTINUE;
}

SEC(".struct_ops")
struct io_uring_bpf_ops nops_loop = {
	.loop_step = (void *)nops_loop_step,
};
