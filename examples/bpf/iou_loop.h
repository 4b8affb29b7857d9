/* The BPF event loop's kernel types (Linux 7.2, seed 000 "io_uring: introduce callback driven main loop"),
 * written by hand: libbpf matches struct_ops types and members by name against the running kernel's BTF,
 * so only the members a program touches need be here, laid out as the kernel has them. */
#ifndef RINGSIDE_IOU_LOOP_H
#define RINGSIDE_IOU_LOOP_H

#include <linux/types.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <linux/io_uring.h>

struct io_ring_ctx {};

struct iou_loop_params {
	__u32 cq_wait_idx;	/* wait until the CQ tail reaches this index (spurious wake ups happen) */
};

enum { IOU_REGION_MEM = 0, IOU_REGION_CQ = 1, IOU_REGION_SQ = 2 };
enum { IOU_LOOP_CONTINUE = 0, IOU_LOOP_STOP = 1 };

struct io_uring_bpf_ops {
	int (*loop_step)(struct io_ring_ctx *, struct iou_loop_params *);
	__u32 ring_fd;		/* set by the loader (ringside: bpf loop attach) before the object is loaded */
};

extern __u8 *bpf_io_uring_get_region(struct io_ring_ctx *ctx, __u32 region_id, const __u64 rdwr_buf_size) __weak __ksym;
extern int bpf_io_uring_submit_sqes(struct io_ring_ctx *ctx, __u32 nr) __weak __ksym;

#endif
