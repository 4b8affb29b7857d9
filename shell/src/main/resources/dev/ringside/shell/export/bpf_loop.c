/* ---- the BPF event loop: the object embedded above, patched, loaded and attached with libbpf ---- */

/* Where bpf loop attach writes into the object: the struct_ops variable's ring_fd and the .rodata u32s (0: absent). */
struct bpf_loop_plan {
	const unsigned char *object;
	size_t len;
	const char *map_name;
	size_t ring_fd_off, cq_head_off, cq_tail_off, cqes_off, sq_entries_off, cq_entries_off;
};

static void put_u32_at(unsigned char *image, size_t off, unsigned value)
{
	if (off)
		memcpy(image + off, &value, sizeof value);
}

/*
 * bpf loop attach: ring_fd and the ring's own CQ offsets written into a copy of the object (as ringside and
 * liburing's test/bpf_nops.c do before load), every program loaded sleepable, the struct_ops map attached.
 * expect_errno 0: it must work (a failure is a failed call); else the attach must fail with that errno,
 * checked like the console's expect refused naming=-ERRNO.
 */
RUNTIME void bpf_loop_attach(struct ring *r, const struct bpf_loop_plan *plan, const char *what, int expect_errno)
{
	unsigned char *image = malloc(plan->len);
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_map *map;
	struct bpf_link *link = NULL;
	int err = 0;
	const char *step = "bpf_object__open_mem";

	if (!image) {
		fprintf(stderr, "%s: out of memory\n", r->name);
		exit(EXIT_CALL_FAILED);
	}
	memcpy(image, plan->object, plan->len);
	put_u32_at(image, plan->ring_fd_off, (unsigned) r->fd);
	put_u32_at(image, plan->cq_head_off, (unsigned) ((char *) r->cq_head - (char *) r->cq_map));
	put_u32_at(image, plan->cq_tail_off, (unsigned) ((char *) r->cq_tail - (char *) r->cq_map));
	put_u32_at(image, plan->cqes_off, (unsigned) (r->cqes - (char *) r->cq_map));
	put_u32_at(image, plan->sq_entries_off, r->sq_entries);
	put_u32_at(image, plan->cq_entries_off, r->cq_entries);
	obj = bpf_object__open_mem(image, plan->len, NULL);
	if (!obj) {
		err = errno;
		goto failed;
	}
	/* libbpf 1.1 reads no struct_ops.s sections: the loop's programs are loaded sleepable, as liburing's are */
	bpf_object__for_each_program(prog, obj)
		bpf_program__set_flags(prog, BPF_F_SLEEPABLE);
	step = "bpf_object__load";
	err = -bpf_object__load(obj);
	if (err)
		goto failed;
	step = "bpf_map__attach_struct_ops";
	map = bpf_object__find_map_by_name(obj, plan->map_name);
	link = map ? bpf_map__attach_struct_ops(map) : NULL;
	if (!link) {
		err = map ? errno : ENOENT;
		goto failed;
	}
	if (expect_errno) {
		printf("FAILED expect %s: it attached\n", what);
		failures++;
		bpf_link__destroy(link);
		bpf_object__close(obj);
		free(image);
		return;
	}
	r->bpf_link = link;
	r->bpf_object = obj;
	r->bpf_image = image;
	printf("bpf loop %s attached to %s\n", plan->map_name, r->name);
	return;
failed:
	if (obj)
		bpf_object__close(obj);
	free(image);
	if (expect_errno && err == expect_errno) {
		printf("ok expect %s\n", what);
		return;
	}
	if (expect_errno) {
		printf("FAILED expect %s: %s: %s\n", what, step, strerror(err));
		failures++;
		return;
	}
	fprintf(stderr, "%s: %s: %s\n", r->name, step, strerror(err));
	exit(EXIT_CALL_FAILED);
}

/* bpf loop run: the ring's io_uring_enter(GETEVENTS), in which the loop runs until IOU_LOOP_STOP. */
RUNTIME void bpf_loop_run(struct ring *r)
{
	int res = enter(r->fd, 0, 0, IORING_ENTER_GETEVENTS, NULL, 0);

	if (res < 0) {
		fprintf(stderr, "%s: io_uring_enter: %s\n", r->name, strerror(errno));
		calls_failed++;
		return;
	}
	printf("io_uring_enter(%s, 0, 0, GETEVENTS) = %d\n", r->name, res);
}

/* bpf loop detach: the link destroyed (the kernel unregisters the loop), the object freed. */
RUNTIME void bpf_loop_detach(struct ring *r)
{
	bpf_link__destroy(r->bpf_link);
	bpf_object__close(r->bpf_object);
	free(r->bpf_image);
	r->bpf_link = r->bpf_object = r->bpf_image = NULL;
	printf("bpf loop detached from %s\n", r->name);
}
