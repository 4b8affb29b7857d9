/* ---- the ring, by raw syscalls: io_uring_setup, mmap, io_uring_enter (no liburing) ---- */

/* a helper the steps below happen not to call must not fail -Wall -Werror */
#define RUNTIME static __attribute__((unused))
/* the exit status when a call the program checks fails (a liburing test says T_EXIT_FAIL) */
#ifndef EXIT_CALL_FAILED
#define EXIT_CALL_FAILED 2
#endif

#include <signal.h>

/* SIGPIPE handled, not ignored, in every program as the JVM does: a write to a closed pipe answers -EPIPE; children start with the default */
static void on_sigpipe(int sig)
{
	(void) sig;
}

__attribute__((constructor)) static void handle_sigpipe(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigpipe;
	sigaction(SIGPIPE, &sa, NULL);
}

struct ring {
	const char *name;
	int fd;
	unsigned flags, sq_entries, cq_entries, sqe_size, cqe_size, local_tail;
	unsigned *sq_head, *sq_tail, *sq_flags, *sq_array, *cq_head, *cq_tail;
	/* the rest of the headers, for expect sq|cq */
	unsigned *sq_ring_mask, *sq_ring_entries, *sq_dropped, *cq_ring_mask, *cq_ring_entries, *cq_overflow, *cq_flags;
	char *sqes, *cqes;
	/* CQEs reaped from this ring so far: the order expect order compares */
	unsigned long long reaps;
	void *sq_map, *cq_map;
	size_t sq_len, cq_len, sqes_len;
	/* requests and SQ slots of the batch being written: an SQE_MIXED ring's 128-byte SQE takes two slots */
	unsigned batch_requests, batch_slots;
	/* the last batch handed over, for its submitted line */
	unsigned sent_requests, sent_slots;
	/* a 128-byte SQE that starts in the last slot is written here; only its first 64 bytes go into that slot */
	char *cut_slot;
	char cut[128];
	/* the BPF event loop attached to the ring (libbpf's object and link, and the patched object's bytes) */
	void *bpf_object, *bpf_link, *bpf_image;
#ifdef RINGSIDE_LIBURING
	/* set up, handed SQEs, submitted and torn down by liburing where it can map the ring */
	struct io_uring uring;
	int by_liburing;
#endif
};

struct completion {
	/* the ring it was reaped from: expectations read their own ring's completions only */
	const struct ring *ring;
	unsigned long long user_data;
	int res;
	unsigned flags;
	/* for expect cqe after=/before=, expect order and big=: when the submit that sent its user_data was made (-1: none), when it was reaped, its place among the ring's reaps, its 16 extra bytes */
	long long sent_ns, reaped_ns;
	unsigned long long seq, sent_seq;
	int has_big;
	unsigned char big[16];
};

#define SENT_MAX 4096
/* per ring and user_data, the latest submit that sent an SQE with it (the console's RequestLedger.sent) */
static struct sent {
	const struct ring *ring;
	unsigned long long user_data;
	long long ns;
	unsigned long long seq;
} sent[SENT_MAX];
static int sent_count;
/* the latest reaps of every ring, oldest first (the console keeps as many per ring) */
static struct completion reaped_log[SENT_MAX];
static int reaped_log_count;

#define UNCHECKED_MAX 65536
/* completions reaped and printed but not yet taken by an expectation, oldest first */
static struct completion unchecked[UNCHECKED_MAX];
static int unchecked_count;
static int failures;
/* a call the program checks failed: it exits 2, as the console stops a script on an error */
static int calls_failed;

RUNTIME long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

RUNTIME int enter(int fd, unsigned to_submit, unsigned min_complete, unsigned flags, void *arg, size_t argsz)
{
	return (int) syscall(__NR_io_uring_enter, fd, to_submit, min_complete, flags, arg, argsz);
}

/* A result as the console prints it: the number, and after a negative one its errno name (res=-22 EINVAL). */
RUNTIME void print_res(long res)
{
	printf("%ld", res);
	if (res < 0 && -res < (long) (sizeof errno_names / sizeof errno_names[0]) && errno_names[-res])
		printf(" %s", errno_names[-res]);
}

/* IORING_CQE_F_* bits by the console's names, joined by |, what no name covers in hex; 0 for none. */
RUNTIME void print_flag_names(unsigned flags)
{
	unsigned rest = flags;
	const char *sep = "";

	if (!flags) {
		printf("0");
		return;
	}
	for (size_t i = 0; i < sizeof cqe_flag_names / sizeof cqe_flag_names[0]; i++) {
		if (rest & cqe_flag_names[i].bit) {
			printf("%s%s", sep, cqe_flag_names[i].name);
			sep = "|";
			rest &= ~cqe_flag_names[i].bit;
		}
	}
	if (rest)
		printf("%s0x%x", sep, rest);
}

/* A CQE's flags as the console prints them: with F_BUFFER the upper 16 bits are the buffer id (bid=N), not flags. */
RUNTIME void print_cqe_flags(unsigned flags)
{
	if (flags & IORING_CQE_F_BUFFER) {
		print_flag_names(flags & 0xffff);
		printf(" bid=%u", flags >> IORING_CQE_BUFFER_SHIFT);
	} else {
		print_flag_names(flags);
	}
}

RUNTIME void *map_or_die(const char *name, size_t len, int fd, off_t offset)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, offset);

	if (p == MAP_FAILED) {
		fprintf(stderr, "%s: mmap: %s\n", name, strerror(errno));
		exit(EXIT_CALL_FAILED);
	}
	return p;
}

RUNTIME void ring_setup(struct ring *r, const char *name, unsigned entries, struct io_uring_params *p)
{
	char *sq, *cq;

	memset(r, 0, sizeof *r);
	r->name = name;
#ifdef RINGSIDE_LIBURING
	if (!(p->flags & LIBURING_CANNOT_MAP)) {
		int ret = io_uring_queue_init_params(entries, &r->uring, p);

		if (ret < 0) {
			fprintf(stderr, "%s: io_uring_queue_init_params: %s\n", name, strerror(-ret));
			exit(EXIT_CALL_FAILED);
		}
		r->by_liburing = 1;
		r->fd = r->uring.ring_fd;
		r->flags = p->flags;
		r->sq_entries = p->sq_entries;
		r->cq_entries = p->cq_entries;
		r->sqe_size = (p->flags & IORING_SETUP_SQE128) ? 128 : 64;
		r->cqe_size = (p->flags & IORING_SETUP_CQE32) ? 32 : 16;
		r->sq_head = r->uring.sq.khead;
		r->sq_tail = r->uring.sq.ktail;
		r->sq_flags = r->uring.sq.kflags;
		r->sq_array = r->uring.sq.array;
		r->sq_ring_mask = r->uring.sq.kring_mask;
		r->sq_ring_entries = r->uring.sq.kring_entries;
		r->sq_dropped = r->uring.sq.kdropped;
		r->sqes = (char *) r->uring.sq.sqes;
		r->cq_head = r->uring.cq.khead;
		r->cq_tail = r->uring.cq.ktail;
		r->cq_ring_mask = r->uring.cq.kring_mask;
		r->cq_ring_entries = r->uring.cq.kring_entries;
		r->cq_overflow = r->uring.cq.koverflow;
		r->cq_flags = r->uring.cq.kflags;
		r->cqes = (char *) r->uring.cq.cqes;
		r->local_tail = *r->sq_tail;
		printf("ring %s: fd %d, %u SQ entries, %u CQ entries\n", name, r->fd, r->sq_entries, r->cq_entries);
		return;
	}
#endif
	r->fd = (int) syscall(__NR_io_uring_setup, entries, p);
	if (r->fd < 0) {
		fprintf(stderr, "%s: io_uring_setup: %s\n", name, strerror(errno));
		exit(EXIT_CALL_FAILED);
	}
	r->flags = p->flags;
	r->sq_entries = p->sq_entries;
	r->cq_entries = p->cq_entries;
	r->sqe_size = (p->flags & IORING_SETUP_SQE128) ? 128 : 64;
	r->cqe_size = (p->flags & IORING_SETUP_CQE32) ? 32 : 16;
	/* without an SQ array the SQ header ends at its last field, dropped */
	r->sq_len = (p->flags & IORING_SETUP_NO_SQARRAY) ? p->sq_off.dropped + 4
							  : p->sq_off.array + 4 * p->sq_entries;
	r->cq_len = p->cq_off.cqes + (size_t) r->cqe_size * p->cq_entries;
	if (p->features & IORING_FEAT_SINGLE_MMAP) {
		if (r->cq_len > r->sq_len)
			r->sq_len = r->cq_len;
		r->sq_map = map_or_die(name, r->sq_len, r->fd, IORING_OFF_SQ_RING);
		r->cq_map = r->sq_map;
	} else {
		r->sq_map = map_or_die(name, r->sq_len, r->fd, IORING_OFF_SQ_RING);
		r->cq_map = map_or_die(name, r->cq_len, r->fd, IORING_OFF_CQ_RING);
	}
	r->sqes_len = (size_t) r->sqe_size * p->sq_entries;
	r->sqes = map_or_die(name, r->sqes_len, r->fd, IORING_OFF_SQES);
	sq = r->sq_map;
	cq = r->cq_map;
	r->sq_head = (unsigned *) (sq + p->sq_off.head);
	r->sq_tail = (unsigned *) (sq + p->sq_off.tail);
	r->sq_flags = (unsigned *) (sq + p->sq_off.flags);
	r->sq_array = (p->flags & IORING_SETUP_NO_SQARRAY) ? NULL : (unsigned *) (sq + p->sq_off.array);
	r->cq_head = (unsigned *) (cq + p->cq_off.head);
	r->cq_tail = (unsigned *) (cq + p->cq_off.tail);
	r->sq_ring_mask = (unsigned *) (sq + p->sq_off.ring_mask);
	r->sq_ring_entries = (unsigned *) (sq + p->sq_off.ring_entries);
	r->sq_dropped = (unsigned *) (sq + p->sq_off.dropped);
	r->cq_ring_mask = (unsigned *) (cq + p->cq_off.ring_mask);
	r->cq_ring_entries = (unsigned *) (cq + p->cq_off.ring_entries);
	r->cq_overflow = (unsigned *) (cq + p->cq_off.overflow);
	r->cq_flags = (unsigned *) (cq + p->cq_off.flags);
	r->cqes = cq + p->cq_off.cqes;
	r->local_tail = *r->sq_tail;
	printf("ring %s: fd %d, %u SQ entries, %u CQ entries\n", name, r->fd, r->sq_entries, r->cq_entries);
}

/* A 128-byte SQE cut to the last slot: its first 64 bytes go in, as the console writes it, and the kernel refuses it. */
RUNTIME void ring_flush_cut(struct ring *r)
{
	if (r->cut_slot) {
		memcpy(r->cut_slot, r->cut, r->sqe_size);
		r->cut_slot = NULL;
	}
}

/*
 * The next free SQE, zeroed and reserved; ring_submit publishes it. big: a 128-byte opcode (NOP128,
 * URING_CMD128), which on an SQE_MIXED ring takes two adjacent slots; it cannot wrap, so one that would
 * start in the last slot gets that slot alone (the kernel reads the SQE there and refuses it with -EINVAL).
 * With SQ_REWIND each batch starts at slot 0 and the kernel ignores head and tail.
 */
RUNTIME struct io_uring_sqe *ring_sqe_sized(struct ring *r, int big)
{
	unsigned head = (r->flags & IORING_SETUP_SQ_REWIND) ? 0 : __atomic_load_n(r->sq_head, __ATOMIC_ACQUIRE);
	unsigned index = r->local_tail & (r->sq_entries - 1);
	unsigned slots = big && (r->flags & IORING_SETUP_SQE_MIXED) ? 2 : 1;
	struct io_uring_sqe *sqe;
	int cut = 0;

	ring_flush_cut(r);
	if (slots == 2 && index + 2 > r->sq_entries) {
		slots = 1;
		cut = 1;
	}
	if (r->local_tail - head + slots > r->sq_entries) {
		fprintf(stderr, "%s: the SQ ring is full\n", r->name);
		exit(EXIT_CALL_FAILED);
	}
	sqe = (struct io_uring_sqe *) (r->sqes + (size_t) index * r->sqe_size);
#ifdef RINGSIDE_LIBURING
	if (r->by_liburing)
		sqe = io_uring_get_sqe(&r->uring); /* the same slot: liburing's sqe_tail is local_tail */
#endif
	if (cut) {
		r->cut_slot = (char *) sqe;
		sqe = (struct io_uring_sqe *) r->cut;
	}
	memset(sqe, 0, (size_t) (cut ? 2 : slots) * r->sqe_size);
	for (unsigned i = 0; i < slots; i++)
		if (r->sq_array)
			r->sq_array[index + i] = index + i;
	r->local_tail += slots;
	r->batch_requests++;
	r->batch_slots += slots;
	return sqe;
}

/* The fresh SQEs before the local tail are sent now: their user_data's completions are timed and ordered from here. */
RUNTIME void ring_sent(struct ring *r, unsigned fresh)
{
	long long ns = now_ns();

	for (unsigned pos = r->local_tail - fresh; pos != r->local_tail; pos++) {
		const struct io_uring_sqe *sqe = (const struct io_uring_sqe *) (r->sqes + (size_t) (pos & (r->sq_entries - 1)) * r->sqe_size);
		int i;

		for (i = 0; i < sent_count && !(sent[i].ring == r && sent[i].user_data == sqe->user_data); i++)
			;
		if (i == sent_count && sent_count == SENT_MAX)
			i = 0; /* full: the oldest goes */
		if (i < sent_count) {
			memmove(&sent[i], &sent[i + 1], (size_t) (sent_count - i - 1) * sizeof sent[0]);
			sent_count--;
		}
		sent[sent_count].ring = r;
		sent[sent_count].user_data = sqe->user_data;
		sent[sent_count].ns = ns;
		sent[sent_count].seq = r->reaps;
		sent_count++;
	}
}

RUNTIME struct io_uring_sqe *ring_sqe(struct ring *r)
{
	return ring_sqe_sized(r, 0);
}

/*
 * Publishes the SQEs (release store of the tail), then enters with to_submit = tail - khead, so SQEs the
 * kernel left after a partial submit go again (liburing's __io_uring_flush_sq), or wakes a sleeping SQPOLL
 * thread: how many the kernel consumed, or -errno.
 */
RUNTIME int ring_publish_submit(struct ring *r)
{
	unsigned to_submit;
	int submitted;
	int rewind = (r->flags & IORING_SETUP_SQ_REWIND) != 0;

	ring_flush_cut(r);
	r->sent_requests = r->batch_requests;
	r->sent_slots = r->batch_slots;
	r->batch_requests = r->batch_slots = 0;
	/* read before publishing: an SQPOLL thread may consume the new SQEs as soon as the tail is out */
	unsigned fresh = r->local_tail - *r->sq_tail;

	/* SQ_REWIND: the kernel reads to_submit SQEs from slot 0, head and tail untouched (liburing's __io_uring_flush_sq) */
	to_submit = rewind ? r->local_tail : r->local_tail - __atomic_load_n(r->sq_head, __ATOMIC_ACQUIRE);
	ring_sent(r, fresh);
#ifdef RINGSIDE_LIBURING
	if (r->by_liburing) {
		/* liburing publishes the tail and enters (or wakes the SQPOLL thread) itself */
		submitted = io_uring_submit(&r->uring);
		if (submitted < 0) {
			errno = -submitted;
			submitted = -1;
		} else if (r->flags & IORING_SETUP_SQPOLL) {
			submitted = (int) fresh;
		}
		goto after_submit;
	}
#endif
	if (rewind)
		r->local_tail = 0;
	else
		__atomic_store_n(r->sq_tail, r->local_tail, __ATOMIC_RELEASE);
	submitted = (int) to_submit;
	if (r->flags & IORING_SETUP_SQPOLL) {
		submitted = (int) fresh;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (__atomic_load_n(r->sq_flags, __ATOMIC_RELAXED) & IORING_SQ_NEED_WAKEUP)
			enter(r->fd, 0, 0, IORING_ENTER_SQ_WAKEUP, NULL, 0);
	} else if (to_submit > 0) {
		submitted = enter(r->fd, to_submit, 0, 0, NULL, 0);
	}
#ifdef RINGSIDE_LIBURING
after_submit:
#endif
	return submitted < 0 ? -errno : submitted;
}

/* The submitted line the console prints. */
RUNTIME void print_submitted(struct ring *r, int submitted)
{
	unsigned left, requests = r->sent_requests, slots = r->sent_slots;
	int rewind = (r->flags & IORING_SETUP_SQ_REWIND) != 0;

	left = (r->flags & IORING_SETUP_SQPOLL) || rewind ? 0 : r->local_tail - __atomic_load_n(r->sq_head, __ATOMIC_ACQUIRE);
	printf("submitted %d SQE%s to %s", submitted, submitted == 1 ? "" : "s", r->name);
	if (slots != requests)
		printf(" (%u request%s in %u SQ slots: the kernel counts slots, a 128-byte SQE takes two)", requests,
		       requests == 1 ? "" : "s", slots);
	if (left)
		printf("; %u not consumed stay in the SQ ring, the next submit hands them over", left);
	printf("\n");
}

RUNTIME void ring_submit(struct ring *r)
{
	int submitted = ring_publish_submit(r);

	if (submitted < 0) {
		fprintf(stderr, "%s: io_uring_enter: %s\n", r->name, strerror(-submitted));
		calls_failed++;
		return;
	}
	print_submitted(r, submitted);
}

/* The console's submit expect=-ERRNO: io_uring_enter's own failure, checked and counted like an expect line. */
RUNTIME void ring_submit_expect(struct ring *r, const char *what, int expected)
{
	int submitted = ring_publish_submit(r);

	if (submitted >= 0)
		print_submitted(r, submitted);
	if (submitted == expected) {
		printf("ok expect %s\n", what);
		return;
	}
	printf("FAILED expect %s: got ", what);
	print_res(submitted);
	printf("\n");
	failures++;
}

/* A non-blocking GETEVENTS, as the console's cqes and watch make on DEFER_TASKRUN and COOP_TASKRUN rings: runs the task work that posts CQEs. */
RUNTIME void ring_get_events(struct ring *r)
{
	if (enter(r->fd, 0, 0, IORING_ENTER_GETEVENTS, NULL, 0) < 0) {
		fprintf(stderr, "%s: io_uring_enter: %s\n", r->name, strerror(errno));
		calls_failed++;
	}
}

/* The console's sleep. */
RUNTIME void sleep_ns(long long ns)
{
	struct timespec ts = { .tv_sec = ns / 1000000000LL, .tv_nsec = ns % 1000000000LL };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* CQ slots ready (the kernel's count: a CQE_MIXED big CQE is two). */
RUNTIME unsigned ring_ready(struct ring *r)
{
	return __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE) - *r->cq_head;
}

/* The CQE at ring position pos (not masked). */
RUNTIME struct io_uring_cqe *ring_cqe_at(struct ring *r, unsigned pos)
{
	return (struct io_uring_cqe *) (r->cqes + (size_t) (pos & (r->cq_entries - 1)) * r->cqe_size);
}

/* Slots a CQE takes: two for a 32-byte one (F_32) on a CQE_MIXED ring of 16-byte slots, else one. */
RUNTIME unsigned ring_cqe_slots(struct ring *r, const struct io_uring_cqe *cqe)
{
	return (cqe->flags & IORING_CQE_F_32) && r->cqe_size == 16 ? 2 : 1;
}

/* Completions ready: a big CQE_MIXED CQE counted once, F_SKIP padding not at all. */
RUNTIME unsigned ring_completions(struct ring *r)
{
	unsigned pos = *r->cq_head, tail = __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE), n = 0;

	while ((int) (tail - pos) > 0) {
		struct io_uring_cqe *cqe = ring_cqe_at(r, pos);

		if (!(cqe->flags & IORING_CQE_F_SKIP))
			n++;
		pos += ring_cqe_slots(r, cqe);
	}
	return n;
}

/* One bounded io_uring_enter wait: IORING_ENTER_EXT_ARG carries the timeout. */
RUNTIME void enter_wait(struct ring *r, unsigned min_complete, long long ns)
{
	struct __kernel_timespec ts = { .tv_sec = ns / 1000000000LL, .tv_nsec = ns % 1000000000LL };
	struct io_uring_getevents_arg arg;

	memset(&arg, 0, sizeof arg);
	arg.ts = (unsigned long) &ts;
	if (enter(r->fd, 0, min_complete, IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG, &arg, sizeof arg) < 0
	    && errno != ETIME && errno != EINTR) {
		fprintf(stderr, "%s: io_uring_enter: %s\n", r->name, strerror(errno));
		exit(EXIT_CALL_FAILED);
	}
}

/*
 * Waits until count CQEs are ready or the timeout passes; returns how many are ready. Each enter asks for the
 * whole count: the kernel counts every CQE between head and tail (as liburing's io_uring_wait_cqe_nr does).
 */
RUNTIME unsigned ring_wait(struct ring *r, unsigned count, long long timeout_ns)
{
	long long deadline = now_ns() + timeout_ns;

	for (;;) {
		unsigned ready = ring_completions(r);
		long long left = deadline - now_ns();

		if (ready >= count || left <= 0) {
			/* one non-blocking pass so DEFER_TASKRUN completions are posted before giving up */
			if (ready < count && (r->flags & IORING_SETUP_DEFER_TASKRUN))
				enter_wait(r, 0, 0);
			return ring_completions(r);
		}
		/* the kernel counts slots: ask for the missing completions on top of the slots there */
		enter_wait(r, ring_ready(r) + count - ready, left);
	}
}

/* Every completion's res by ring and user_data, in reap order: an fd an OPENAT returned goes into a later SQE */
struct result {
	const struct ring *ring;
	unsigned long long user_data;
	int res;
};
#define RESULTS_MAX 65536
static struct result results[RESULTS_MAX];
static int result_count;

RUNTIME void keep_result(const struct ring *r, unsigned long long user_data, int res)
{
	if (result_count == RESULTS_MAX) {
		fprintf(stderr, "too many completions to keep their results\n");
		exit(EXIT_CALL_FAILED);
	}
	results[result_count].ring = r;
	results[result_count].user_data = user_data;
	results[result_count].res = res;
	result_count++;
}

/* The res of the k-th (from 0) completion with this user_data reaped from r: the console's $NAME.res */
RUNTIME int result_of(const struct ring *r, unsigned long long user_data, int k)
{
	int seen = 0;

	for (int i = 0; i < result_count; i++)
		if (results[i].ring == r && results[i].user_data == user_data && seen++ == k)
			return results[i].res;
	fprintf(stderr, "%s: no completion %d of user_data=%llu to take a result from\n", r->name, k, user_data);
	exit(EXIT_CALL_FAILED);
}

/* Reaps every ready CQE: prints it and keeps it for the expectations. */
RUNTIME int ring_reap(struct ring *r)
{
	unsigned head = *r->cq_head;
	unsigned tail = __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE);
	int reaped = 0;

	while (head != tail) {
		struct io_uring_cqe *cqe = ring_cqe_at(r, head);
		int mixed_big = ring_cqe_slots(r, cqe) == 2;

		if (!(cqe->flags & IORING_CQE_F_SKIP)) {
			printf("cqe user_data=%llu res=", (unsigned long long) cqe->user_data);
			print_res(cqe->res);
			printf(" flags=");
			print_cqe_flags(cqe->flags);
			/* the 16 extra bytes of a big CQE: in place on a CQE32 ring, in the next slot when mixed */
			if (r->cqe_size == 32 || mixed_big) {
				const unsigned char *big = r->cqe_size == 32 ? (const unsigned char *) cqe + 16
					: (const unsigned char *) ring_cqe_at(r, head + 1);

				printf(" big=");
				for (int i = 0; i < 16; i++)
					printf("%02x", big[i]);
			}
			printf("\n");
			if (unchecked_count == UNCHECKED_MAX) {
				fprintf(stderr, "too many unchecked completions\n");
				exit(EXIT_CALL_FAILED);
			}
			struct completion *c = &unchecked[unchecked_count];

			memset(c, 0, sizeof *c);
			c->ring = r;
			c->user_data = cqe->user_data;
			c->res = cqe->res;
			c->flags = cqe->flags;
			keep_result(r, cqe->user_data, cqe->res);
			c->reaped_ns = now_ns();
			c->seq = r->reaps++;
			c->sent_ns = -1;
			for (int i = 0; i < sent_count; i++)
				if (sent[i].ring == r && sent[i].user_data == cqe->user_data) {
					c->sent_ns = sent[i].ns;
					c->sent_seq = sent[i].seq;
				}
			if (r->cqe_size == 32 || mixed_big) {
				c->has_big = 1;
				memcpy(c->big, r->cqe_size == 32 ? (const unsigned char *) cqe + 16
					: (const unsigned char *) ring_cqe_at(r, head + 1), 16);
			}
			if (reaped_log_count == SENT_MAX) {
				memmove(&reaped_log[0], &reaped_log[1], (SENT_MAX - 1) * sizeof reaped_log[0]);
				reaped_log_count--;
			}
			reaped_log[reaped_log_count++] = *c;
			unchecked_count++;
			reaped++;
		}
		head += mixed_big ? 2 : 1;
	}
	__atomic_store_n(r->cq_head, head, __ATOMIC_RELEASE);
	return reaped;
}

/* A bounded wait for count completions, then every ready CQE reaped and printed. */
RUNTIME int ring_await(struct ring *r, unsigned count, long long timeout_ns)
{
	unsigned ready = ring_wait(r, count, timeout_ns);

	if (ready < count)
		printf("timed out after %lld ns with %u of %u completions\n", timeout_ns, ready, count);
	return ring_reap(r);
}

RUNTIME void drop_unchecked(const struct ring *r);

RUNTIME void ring_close(struct ring *r)
{
	drop_unchecked(r);
#ifdef RINGSIDE_LIBURING
	if (r->by_liburing) {
		io_uring_queue_exit(&r->uring);
		return;
	}
#endif
	munmap(r->sqes, r->sqes_len);
	if (r->cq_map != r->sq_map)
		munmap(r->cq_map, r->cq_len);
	munmap(r->sq_map, r->sq_len);
	close(r->fd);
}

/* A closed ring's completions are gone with it. */
RUNTIME void drop_unchecked(const struct ring *r)
{
	int kept = 0;

	for (int i = 0; i < unchecked_count; i++)
		if (unchecked[i].ring != r)
			unchecked[kept++] = unchecked[i];
	unchecked_count = kept;
}

/* How many completions of ring r are unchecked. */
RUNTIME int unchecked_of(const struct ring *r)
{
	int n = 0;

	for (int i = 0; i < unchecked_count; i++)
		n += unchecked[i].ring == r;
	return n;
}

/* Removes ring r's oldest unchecked completion with this user_data (any, without one) into *out. */
RUNTIME int take(const struct ring *r, int has_user_data, unsigned long long user_data, struct completion *out)
{
	for (int i = 0; i < unchecked_count; i++) {
		if (unchecked[i].ring == r && (!has_user_data || unchecked[i].user_data == user_data)) {
			*out = unchecked[i];
			memmove(&unchecked[i], &unchecked[i + 1], (size_t) (unchecked_count - i - 1) * sizeof *out);
			unchecked_count--;
			return 1;
		}
	}
	return 0;
}

/* The console's flags match: under IORING_CQE_F_BUFFER the upper 16 bits are the buffer id, compared when the expectation names one. */
RUNTIME int cqe_flags_match(unsigned got, unsigned want)
{
	if (!(got & IORING_CQE_F_BUFFER) || !(want & IORING_CQE_F_BUFFER))
		return got == want;
	if ((got & 0xffff) != (want & 0xffff))
		return 0;
	return (want >> IORING_CQE_BUFFER_SHIFT) == 0 || (want >> IORING_CQE_BUFFER_SHIFT) == (got >> IORING_CQE_BUFFER_SHIFT);
}

/* The console's expect cqe: take a matching completion, waiting on ring r (if any) at most timeout_ns, and check it. */
RUNTIME void expect_cqe(struct ring *r, const char *what, int has_user_data, unsigned long long user_data,
		       int has_res, int res, int has_flags, unsigned flags, long long timeout_ns)
{
	struct completion c;
	int found = take(r, has_user_data, user_data, &c);
	long long deadline = now_ns() + timeout_ns;

	while (!found && r && deadline - now_ns() > 0) {
		if (ring_await(r, 1, deadline - now_ns()) == 0)
			break;
		found = take(r, has_user_data, user_data, &c);
	}
	if (!found) {
		printf("FAILED %s: got no completion\n", what);
		failures++;
	} else if ((has_res && c.res != res) || (has_flags && !cqe_flags_match(c.flags, flags))) {
		printf("FAILED %s: got cqe user_data=%llu res=%d flags=%u\n", what, c.user_data, c.res, c.flags);
		failures++;
	} else {
		printf("ok %s\n", what);
	}
}

/*
 * The console's expect cqes=N: wait (bounded) until N completions of ring r are unchecked, then
 * there must be exactly N; for N = 0 the whole timeout is watched.
 */
RUNTIME void expect_cqes(struct ring *r, const char *what, int count, long long timeout_ns)
{
	int got;

	if (r) {
		if (count == 0) {
			ring_wait(r, 1, timeout_ns);
			ring_reap(r);
		} else if (unchecked_of(r) < count) {
			ring_await(r, (unsigned) (count - unchecked_of(r)), timeout_ns);
		} else {
			ring_reap(r);
		}
	}
	got = unchecked_of(r);
	if (got != count) {
		printf("FAILED %s: got %d unchecked completion%s\n", what, got, got == 1 ? "" : "s");
		failures++;
	} else {
		printf("ok %s\n", what);
	}
}

/* One field check of an expectation, the console's Comparison: (actual & mask) OP value, = with any one of n values. */
enum { CHECK_EQ, CHECK_NE, CHECK_LT, CHECK_LE, CHECK_GT, CHECK_GE };
struct check {
	const char *field;
	unsigned long long mask;
	int op, is_signed, n;
	const long long *values;
};

RUNTIME int check_holds(const struct check *k, long long actual)
{
	unsigned long long got = (unsigned long long) actual & k->mask;
	int cmp;

	if (k->op == CHECK_EQ) {
		for (int i = 0; i < k->n; i++)
			if (got == (unsigned long long) k->values[i])
				return 1;
		return 0;
	}
	if (k->is_signed)
		cmp = (long long) got < k->values[0] ? -1 : (long long) got > k->values[0];
	else
		cmp = got < (unsigned long long) k->values[0] ? -1 : got > (unsigned long long) k->values[0];
	switch (k->op) {
	case CHECK_NE: return cmp != 0;
	case CHECK_LT: return cmp < 0;
	case CHECK_LE: return cmp <= 0;
	case CHECK_GT: return cmp > 0;
	default: return cmp >= 0;
	}
}

/* A completion's field as the console's expect cqe reads it; a bid only under IORING_CQE_F_BUFFER (0 without). */
RUNTIME int cqe_field(const struct completion *c, const char *field, long long *out)
{
	if (!strcmp(field, "user_data"))
		*out = (long long) c->user_data;
	else if (!strcmp(field, "res"))
		*out = c->res;
	else if (!strcmp(field, "flags"))
		*out = c->flags;
	else if (!(c->flags & IORING_CQE_F_BUFFER))
		return 0;
	else
		*out = c->flags >> IORING_CQE_BUFFER_SHIFT;
	return 1;
}

/* Removes ring r's oldest unchecked completion whose user_data passes the user_data checks into *out. */
RUNTIME int take_where(const struct ring *r, const struct check *checks, int n, struct completion *out)
{
	for (int i = 0; i < unchecked_count; i++) {
		int ok = unchecked[i].ring == r;

		for (int k = 0; ok && k < n; k++)
			if (!strcmp(checks[k].field, "user_data"))
				ok = check_holds(&checks[k], (long long) unchecked[i].user_data);
		if (ok) {
			*out = unchecked[i];
			memmove(&unchecked[i], &unchecked[i + 1], (size_t) (unchecked_count - i - 1) * sizeof *out);
			unchecked_count--;
			return 1;
		}
	}
	return 0;
}

/* The console's expect cqe with comparisons, after=/before= (-1: none; from the submit that sent it to its reap) and big= (NULL: none). */
RUNTIME void expect_cqe_checks(struct ring *r, const char *what, const struct check *checks, int n, long long after_ns,
			       long long before_ns, const unsigned char *big, long long timeout_ns)
{
	struct completion c;
	int found = r && take_where(r, checks, n, &c), ok = 1;
	long long deadline = now_ns() + timeout_ns, took;

	while (!found && r && deadline - now_ns() > 0) {
		if (ring_await(r, 1, deadline - now_ns()) == 0)
			break;
		found = take_where(r, checks, n, &c);
	}
	if (!found) {
		printf("FAILED %s: got no completion\n", what);
		failures++;
		return;
	}
	for (int k = 0; k < n; k++) {
		long long v;

		if (!cqe_field(&c, checks[k].field, &v) || !check_holds(&checks[k], v))
			ok = 0;
	}
	took = c.reaped_ns - c.sent_ns;
	if ((after_ns >= 0 || before_ns >= 0) && (c.sent_ns < 0 || (after_ns >= 0 && took < after_ns) || (before_ns >= 0 && took >= before_ns)))
		ok = 0;
	if (big && (!c.has_big || memcmp(big, c.big, 16)))
		ok = 0;
	if (!ok) {
		printf("FAILED %s: got cqe user_data=%llu res=%d flags=%u, reaped %lld ns after its submit\n", what, c.user_data, c.res,
		       c.flags, c.sent_ns < 0 ? -1 : took);
		failures++;
	} else {
		printf("ok %s\n", what);
	}
}

/* The first completion of ring r with this user_data since the latest submit that sent it, from the reaps kept (NULL: none). */
RUNTIME const struct completion *first_since_sent(const struct ring *r, unsigned long long user_data)
{
	unsigned long long since = 0;

	for (int i = 0; i < sent_count; i++)
		if (sent[i].ring == r && sent[i].user_data == user_data)
			since = sent[i].seq;
	for (int i = 0; i < reaped_log_count; i++)
		if (reaped_log[i].ring == r && reaped_log[i].user_data == user_data && reaped_log[i].seq >= since)
			return &reaped_log[i];
	return NULL;
}

/* The console's expect order: the first completions of these user_data (since each was sent) were reaped in this order. */
RUNTIME void expect_order(struct ring *r, const char *what, int n, const unsigned long long user_data[], long long timeout_ns)
{
	long long deadline = now_ns() + timeout_ns;
	unsigned long long last = 0;
	int missing, ok = 1;

	ring_reap(r);
	for (;;) {
		missing = 0;
		for (int i = 0; i < n; i++)
			missing += first_since_sent(r, user_data[i]) == NULL;
		if (!missing || deadline - now_ns() <= 0 || ring_await(r, 1, deadline - now_ns()) == 0)
			break;
	}
	for (int i = 0; i < n; i++) {
		const struct completion *c = first_since_sent(r, user_data[i]);

		if (!c || (i > 0 && c->seq <= last))
			ok = 0;
		if (c && c->seq > last)
			last = c->seq;
	}
	if (!ok) {
		printf("FAILED %s: got another order (or a missing completion)\n", what);
		failures++;
	} else {
		printf("ok %s\n", what);
	}
}

/* The console's expect buf NAME same=@OTHER: len bytes at a equal those at b. */
RUNTIME void expect_same(const char *what, const unsigned char *a, const unsigned char *b, size_t len)
{
	if (memcmp(a, b, len)) {
		printf("FAILED %s: the bytes differ\n", what);
		failures++;
	} else {
		printf("ok %s\n", what);
	}
}

/* Where a field of the SQ (sq != 0) or CQ ring header is in the shared memory */
RUNTIME unsigned *header_word(struct ring *r, int sq, const char *field)
{
	unsigned *p = NULL;

	if (!strcmp(field, "head"))
		p = sq ? r->sq_head : r->cq_head;
	else if (!strcmp(field, "tail"))
		p = sq ? r->sq_tail : r->cq_tail;
	else if (!strcmp(field, "ring_mask"))
		p = sq ? r->sq_ring_mask : r->cq_ring_mask;
	else if (!strcmp(field, "ring_entries"))
		p = sq ? r->sq_ring_entries : r->cq_ring_entries;
	else if (!strcmp(field, "flags"))
		p = sq ? r->sq_flags : r->cq_flags;
	else if (!strcmp(field, "dropped") && sq)
		p = r->sq_dropped;
	else if (!strcmp(field, "overflow") && !sq)
		p = r->cq_overflow;
	if (!p) {
		fprintf(stderr, "%s: no %s header field %s\n", r->name, sq ? "sq" : "cq", field);
		exit(EXIT_CALL_FAILED);
	}
	return p;
}

/* A field of the SQ (sq != 0) or CQ ring header, read from the shared memory (acquire) */
RUNTIME unsigned header_field(struct ring *r, int sq, const char *field)
{
	return __atomic_load_n(header_word(r, sq, field), __ATOMIC_ACQUIRE);
}

/* The console's mem poke (unsafe mode): one header word written (release), as the console did */
RUNTIME void header_poke(struct ring *r, int sq, const char *field, unsigned value)
{
	__atomic_store_n(header_word(r, sq, field), value, __ATOMIC_RELEASE);
	printf("poked %s.%s=%u into %s\n", sq ? "sq" : "cq", field, value, r->name);
}

/* The console's expect sq|cq with comparisons: poll (every 1 ms) until every check holds, at most timeout_ns. */
RUNTIME void expect_header_checks(struct ring *r, const char *what, int sq, int n, const struct check checks[], long long timeout_ns)
{
	struct timespec ms = { .tv_sec = 0, .tv_nsec = 1000000 };
	long long deadline = now_ns() + timeout_ns;
	int i;

	for (;;) {
		for (i = 0; i < n && check_holds(&checks[i], header_field(r, sq, checks[i].field)); i++)
			;
		if (i == n) {
			printf("ok %s\n", what);
			return;
		}
		if (deadline - now_ns() <= 0)
			break;
		nanosleep(&ms, NULL);
	}
	printf("FAILED %s: got", what);
	for (i = 0; i < n; i++)
		printf(" %s=%u", checks[i].field, header_field(r, sq, checks[i].field));
	printf("\n");
	failures++;
}

/* The console's expect sq|cq FIELD=VALUE: each field equal to its value, as checks (the exact form of the above). */
RUNTIME void expect_header(struct ring *r, const char *what, int sq, int n, const char *const fields[],
			   const unsigned values[], long long timeout_ns)
{
	struct check checks[n > 0 ? n : 1];
	long long wanted[n > 0 ? n : 1];

	for (int i = 0; i < n; i++) {
		wanted[i] = values[i];
		checks[i] = (struct check) { .field = fields[i], .mask = ~0ULL, .op = CHECK_EQ, .n = 1, .values = &wanted[i] };
	}
	expect_header_checks(r, what, sq, n, checks, timeout_ns);
}

/* The console's expect buf: the bytes at p are these. */
RUNTIME void expect_bytes(const char *what, const unsigned char *p, const char *bytes, size_t len)
{
	if (memcmp(p, bytes, len)) {
		printf("FAILED %s: the bytes differ\n", what);
		failures++;
	} else {
		printf("ok %s\n", what);
	}
}

/* The console's expect struct on a numeric member: its size bytes at p (in network order if big), sign-extended if the check is signed, meet k. */
RUNTIME void expect_member(const char *what, const unsigned char *p, int size, int big, const struct check *k)
{
	unsigned long long v = 0;

	for (int i = 0; i < size; i++)
		v = v << 8 | p[big ? i : size - 1 - i];
	if (k->is_signed && size < 8 && (v >> (size * 8 - 1) & 1))
		v |= ~0ULL << (size * 8);
	if (check_holds(k, (long long) v)) {
		printf("ok %s\n", what);
	} else {
		if (k->is_signed)
			printf("FAILED %s: it is %lld\n", what, (long long) v);
		else
			printf("FAILED %s: it is %llu\n", what, v);
		failures++;
	}
}

/* A console fd or buffer call the program repeats failed: nothing after it would mean the same. */
RUNTIME void check_call(int result, const char *call)
{
	if (result < 0) {
		fprintf(stderr, "%s: %s\n", call, strerror(errno));
		exit(EXIT_CALL_FAILED);
	}
}

/* The program's verdict, as the console's: 2 when a call it checks failed, 1 when an expectation failed, else 0. */
RUNTIME int verdict(void)
{
	return calls_failed ? 2 : failures ? 1 : 0;
}

static inline void put_u8(struct io_uring_sqe *sqe, size_t offset, __u8 value)
{
	memcpy((char *) sqe + offset, &value, sizeof value);
}

static inline void put_u16(struct io_uring_sqe *sqe, size_t offset, __u16 value)
{
	memcpy((char *) sqe + offset, &value, sizeof value);
}

static inline void put_u32(struct io_uring_sqe *sqe, size_t offset, __u32 value)
{
	memcpy((char *) sqe + offset, &value, sizeof value);
}

static inline void put_u64(struct io_uring_sqe *sqe, size_t offset, __u64 value)
{
	memcpy((char *) sqe + offset, &value, sizeof value);
}

/* ---- registrations: io_uring_register with the session's structs ---- */

/* Writes the size low bytes of v at p + offset, little-endian: an address or fd put back into a struct. */
RUNTIME void put_le(unsigned char *p, size_t offset, unsigned size, unsigned long long v)
{
	for (unsigned i = 0; i < size; i++)
		p[offset + i] = (unsigned char) (v >> (8 * i));
}

/* Anonymous page-aligned memory, as ringside maps for a buffer ring or a zcrx area and refill queue. */
RUNTIME unsigned char *map_anon(const char *what, size_t len)
{
	size_t rounded = (len + 4095) / 4096 * 4096;
	void *p = mmap(NULL, rounded ? rounded : 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		fprintf(stderr, "%s: mmap: %s\n", what, strerror(errno));
		exit(EXIT_CALL_FAILED);
	}
	return p;
}

/* The console's register: io_uring_register, its result printed; expect= checked and counted like an expect line. */
RUNTIME long register_call(struct ring *r, const char *what, const char *op_name, unsigned opcode, void *arg,
			   unsigned nr, int has_expect, long expect)
{
	long res = syscall(__NR_io_uring_register, r->fd, opcode, arg, nr);

	if (res < 0)
		res = -errno;
	printf("io_uring_register(%s, %s (%u), nr_args %u) = ", r->name, op_name, opcode, nr);
	print_res(res);
	printf("\n");
	if (has_expect) {
		if (res != expect) {
			printf("FAILED expect %s: got %ld\n", what, res);
			failures++;
		} else {
			printf("ok expect %s\n", what);
		}
	} else if (res < 0) {
		fprintf(stderr, "%s: %s: %s\n", r->name, op_name, strerror((int) -res));
	}
	return res;
}

/* ring create ... expect=-EINVAL: io_uring_setup expected to be refused; a ring it sets up anyway is closed at once. */
RUNTIME void setup_expect(const char *what, const char *name, unsigned entries, struct io_uring_params *p, long expect)
{
	long res = syscall(__NR_io_uring_setup, entries, p);

	if (res < 0)
		res = -errno;
	else
		close((int) res);
	printf("io_uring_setup(%s) = ", name);
	print_res(res);
	printf("\n");
	if (res != expect) {
		printf("FAILED expect %s: got %ld\n", what, res);
		failures++;
	} else {
		printf("ok expect %s\n", what);
	}
}

/* A buffer ring the program filled: what pbuf_readd needs to hand its buffers back (the newest of a group wins). */
struct pbuf {
	struct ring *r;
	unsigned group, entries, size;
	unsigned char *ring, *bufs;
	size_t entry_size, addr_off, len_off, bid_off, tail_off;
};
static struct pbuf pbufs[64];
static unsigned npbufs;

/* IOU_PBUF_RING_MMAP: the ring the kernel allocated, mapped from the ring fd as io_uring_setup_buf_ring does. */
RUNTIME unsigned char *pbuf_map_kernel(struct ring *r, unsigned group, size_t len, unsigned long long off)
{
	size_t rounded = (len + 4095) / 4096 * 4096;
	void *p = mmap(NULL, rounded, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd, (off_t) off);

	if (p == MAP_FAILED) {
		fprintf(stderr, "%s: buffer ring group %u: mmap: %s\n", r->name, group, strerror(errno));
		exit(EXIT_CALL_FAILED);
	}
	return p;
}

/* Every buffer of a buffer ring the kernel accepted: bid = index, in its own mapping; then the tail, released. */
RUNTIME void pbuf_provide_all(struct ring *r, unsigned group, unsigned char *ring, unsigned entries, unsigned size,
			      size_t entry_size, size_t addr_off, size_t len_off, size_t bid_off, size_t tail_off)
{
	unsigned char *bufs = map_anon("buffer ring buffers", (size_t) entries * size);
	unsigned short *tail = (unsigned short *) (ring + tail_off);

	for (unsigned bid = 0; bid < entries; bid++) {
		put_le(ring, bid * entry_size + addr_off, 8, (unsigned long) (bufs + (size_t) bid * size));
		put_le(ring, bid * entry_size + len_off, 4, size);
		put_le(ring, bid * entry_size + bid_off, 2, bid);
	}
	__atomic_store_n(tail, (unsigned short) (*tail + entries), __ATOMIC_RELEASE);
	if (npbufs < sizeof(pbufs) / sizeof(pbufs[0]))
		pbufs[npbufs++] = (struct pbuf) { r, group, entries, size, ring, bufs, entry_size, addr_off, len_off, bid_off,
						  tail_off };
}

/* pbuf add: io_uring_buf_ring_add of each bid (entry at tail + i, masked), then io_uring_buf_ring_advance. */
RUNTIME void pbuf_readd(struct ring *r, unsigned group, const unsigned short *bids, unsigned n, unsigned len)
{
	struct pbuf *b = NULL;

	for (unsigned i = npbufs; i-- > 0;) {
		if (pbufs[i].r == r && pbufs[i].group == group) {
			b = &pbufs[i];
			break;
		}
	}
	if (!b) {
		fprintf(stderr, "%s: no buffer ring group %u to re-add buffers to\n", r->name, group);
		exit(EXIT_CALL_FAILED);
	}
	unsigned short *tail = (unsigned short *) (b->ring + b->tail_off);
	unsigned short t = *tail;
	unsigned mask = b->entries - 1;

	for (unsigned i = 0; i < n; i++) {
		size_t slot = (size_t) ((t + i) & mask) * b->entry_size;

		put_le(b->ring, slot + b->addr_off, 8, (unsigned long) (b->bufs + (size_t) bids[i] * b->size));
		put_le(b->ring, slot + b->len_off, 4, len ? len : b->size);
		put_le(b->ring, slot + b->bid_off, 2, bids[i]);
	}
	__atomic_store_n(tail, (unsigned short) (t + n), __ATOMIC_RELEASE);
}
