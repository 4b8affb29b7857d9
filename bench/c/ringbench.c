/*
 * The C baseline of `ringside bench`: the same work with liburing (Debian's liburing-dev), the same
 * phases and the same one-line JSON, so bench/run can print ringside / C per case.
 *   ringbench nop|timeout|read-pipe BATCH COUNT
 * Per batch: io_uring_get_sqe + prep for each SQE, io_uring_submit, io_uring_wait_cqe_nr for the whole
 * batch (no syscall when the CQEs are there already), io_uring_for_each_cqe + io_uring_cq_advance.
 * A throughput phase reads no clock inside the loop; a latency phase times every batch.
 */
#include <liburing.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

enum workload { NOP, TIMEOUT, READ_PIPE };

static struct io_uring ring;
static enum workload work;
static unsigned batch;
static int pipe_fds[2] = { -1, -1 };
static char *into, *feed;
static struct __kernel_timespec zero_ts; /* 0 ns: the timeout fires at once */
static unsigned long long reaped, failed;

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void one_batch(unsigned long long user_data)
{
	struct io_uring_cqe *cqe;
	unsigned head, seen, i;
	unsigned long long want;

	if (work == READ_PIPE && write(pipe_fds[1], feed, batch) != (ssize_t) batch) {
		perror("write");
		exit(2);
	}
	for (i = 0; i < batch; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
		switch (work) {
		case NOP: io_uring_prep_nop(sqe); break;
		case TIMEOUT: io_uring_prep_timeout(sqe, &zero_ts, 0, 0); break;
		case READ_PIPE: io_uring_prep_read(sqe, pipe_fds[0], into + i, 1, 0); break;
		}
		io_uring_sqe_set_data64(sqe, user_data + i);
	}
	io_uring_submit(&ring);
	want = reaped + batch;
	while (reaped < want) {
		int ret = io_uring_wait_cqe_nr(&ring, &cqe, (unsigned) (want - reaped));
		if (ret < 0 && ret != -EINTR && ret != -ETIME) {
			fprintf(stderr, "wait: %s\n", strerror(-ret));
			exit(2);
		}
		seen = 0;
		io_uring_for_each_cqe(&ring, head, cqe) {
			if (cqe->res < 0 && !(work == TIMEOUT && cqe->res == -ETIME))
				failed++;
			seen++;
		}
		io_uring_cq_advance(&ring, seen);
		reaped += seen;
	}
}

/* this thread's user and system CPU time, ns (RUSAGE_THREAD: the kernel splits its exact run time by where its ticks fell) */
static void thread_times(long long *user, long long *sys)
{
	struct rusage ru;
	getrusage(RUSAGE_THREAD, &ru);
	*user = ru.ru_utime.tv_sec * 1000000000LL + ru.ru_utime.tv_usec * 1000LL;
	*sys = ru.ru_stime.tv_sec * 1000000000LL + ru.ru_stime.tv_usec * 1000LL;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *) a, y = *(const long long *) b;
	return x < y ? -1 : x > y;
}

static long long percentile(long long *sorted, size_t n, double p)
{
	size_t i = (size_t) (p * n + 0.999999);
	return sorted[(i == 0 ? 1 : i > n ? n : i) - 1];
}

int main(int argc, char **argv)
{
	unsigned long long count, batches, b, warm;
	long long start, elapsed, submit_ns = 0, reap_ns = 0, *lat, user0, sys0, user1, sys1;
	size_t samples;
	unsigned entries;
	int ret;

	if (argc != 4) {
		fprintf(stderr, "usage: ringbench nop|timeout|read-pipe BATCH COUNT\n");
		return 2;
	}
	if (!strcmp(argv[1], "nop")) work = NOP;
	else if (!strcmp(argv[1], "timeout")) work = TIMEOUT;
	else if (!strcmp(argv[1], "read-pipe")) work = READ_PIPE;
	else { fprintf(stderr, "unknown case %s\n", argv[1]); return 2; }
	batch = (unsigned) strtoul(argv[2], NULL, 10);
	count = strtoull(argv[3], NULL, 10);
	if (batch < 1 || count < 1) { fprintf(stderr, "batch and count must be >= 1\n"); return 2; }
	count = (count + batch - 1) / batch * batch;
	batches = count / batch;

	/* the same size ringside's bench asks for: the power of two at or above twice the batch */
	for (entries = 2; entries < batch * 2; entries <<= 1)
		;
	ret = io_uring_queue_init(entries, &ring, 0);
	if (ret < 0) { fprintf(stderr, "io_uring_queue_init: %s\n", strerror(-ret)); return 2; }
	if (work == READ_PIPE) {
		if (pipe(pipe_fds) < 0) { perror("pipe"); return 2; }
		into = calloc(batch, 1);
		feed = malloc(batch);
		memset(feed, 'x', batch);
	}

	warm = batches / 4 > (batches < 20000 ? batches : 20000) ? batches / 4 : (batches < 20000 ? batches : 20000);
	for (b = 0; b < warm; b++)
		one_batch(b * batch);

	thread_times(&user0, &sys0);
	start = now_ns();
	for (b = 0; b < batches; b++)
		one_batch(b * batch);
	elapsed = now_ns() - start;
	thread_times(&user1, &sys1);

	samples = batches < (1u << 20) ? batches : (1u << 20);
	lat = malloc(samples * sizeof(*lat));
	for (b = 0; b < batches; b++) {
		struct io_uring_cqe *cqe;
		unsigned head, seen, i;
		unsigned long long want;
		long long t0 = now_ns(), t1, t2;

		if (work == READ_PIPE && write(pipe_fds[1], feed, batch) != (ssize_t) batch) { perror("write"); return 2; }
		for (i = 0; i < batch; i++) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
			switch (work) {
			case NOP: io_uring_prep_nop(sqe); break;
			case TIMEOUT: io_uring_prep_timeout(sqe, &zero_ts, 0, 0); break;
			case READ_PIPE: io_uring_prep_read(sqe, pipe_fds[0], into + i, 1, 0); break;
			}
			io_uring_sqe_set_data64(sqe, b * batch + i);
		}
		io_uring_submit(&ring);
		t1 = now_ns();
		want = reaped + batch;
		while (reaped < want) {
			ret = io_uring_wait_cqe_nr(&ring, &cqe, (unsigned) (want - reaped));
			if (ret < 0 && ret != -EINTR && ret != -ETIME) { fprintf(stderr, "wait: %s\n", strerror(-ret)); return 2; }
			seen = 0;
			io_uring_for_each_cqe(&ring, head, cqe) {
				if (cqe->res < 0 && !(work == TIMEOUT && cqe->res == -ETIME))
					failed++;
				seen++;
			}
			io_uring_cq_advance(&ring, seen);
			reaped += seen;
		}
		t2 = now_ns();
		submit_ns += t1 - t0;
		reap_ns += t2 - t1;
		lat[b % samples] = t2 - t0;
	}
	qsort(lat, samples, sizeof(*lat), cmp_ll);
	printf("{\"impl\":\"liburing\",\"case\":\"%s\",\"batch\":%u,\"count\":%llu,\"journal\":false,\"trace\":false,"
	       "\"ops_per_s\":%.0f,\"submit_ns_per_op\":%.2f,\"reap_ns_per_op\":%.2f,\"p50_ns\":%lld,\"p99_ns\":%lld,"
	       "\"p999_ns\":%lld,\"user_ns_per_op\":%.2f,\"sys_ns_per_op\":%.2f,\"bytes_per_op\":0,\"failed\":%llu}\n",
	       argv[1], batch, count, count * 1e9 / elapsed, (double) submit_ns / count, (double) reap_ns / count,
	       percentile(lat, samples, 0.50), percentile(lat, samples, 0.99), percentile(lat, samples, 0.999),
	       (double) (user1 - user0) / count, (double) (sys1 - sys0) / count, failed);
	io_uring_queue_exit(&ring);
	if (pipe_fds[0] >= 0) { close(pipe_fds[0]); close(pipe_fds[1]); }
	return failed ? 1 : 0;
}
