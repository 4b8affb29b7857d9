/* ---- children, second threads, sockets and plain syscalls (spawn, thread, socket, sys) ---- */
#include <arpa/inet.h>
#include <pthread.h>
#include <spawn.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <signal.h>

extern char **environ;

/* the last plain call's answer, as the console's $sys.res */
static long sys_res __attribute__((unused));

/* posix_spawnp with the program's environment, then its pidfd, as the console's spawn does */
RUNTIME void spawn_child(const char *what, pid_t *pid, int *pidfd, char *const argv[])
{
	int error = posix_spawnp(pid, argv[0], NULL, NULL, argv, environ);

	if (error) {
		fprintf(stderr, "%s: posix_spawnp: %s\n", what, strerror(error));
		exit(EXIT_CALL_FAILED);
	}
	*pidfd = (int) syscall(__NR_pidfd_open, *pid, 0);
	check_call(*pidfd, "pidfd_open");
}

/* close NAME of a child: SIGKILL through the pidfd, then reap it (ECHILD: a WAITID reaped it already) */
RUNTIME void reap_child(int pidfd)
{
	siginfo_t info;

	syscall(__NR_pidfd_send_signal, pidfd, SIGKILL, NULL, 0);
	memset(&info, 0, sizeof info);
	syscall(__NR_waitid, P_PIDFD, pidfd, &info, WEXITED, NULL);
}

/* A plain call's answer as the console takes it: -errno for a failure; checked against expect= or fatal when negative. */
/* A plain call's answer held against a comparison (expect=-EPIPE,-EAGAIN, expect>=0), as the console's Comparison. */
RUNTIME long sys_answer_check(const char *what, long ret, const struct check *k)
{
	long res = ret < 0 ? -errno : ret;

	sys_res = res;
	if (check_holds(k, res)) {
		printf("ok expect %s: ", what);
		print_res(res);
		printf("\n");
	} else {
		printf("FAILED expect %s: got ", what);
		print_res(res);
		printf("\n");
		failures++;
	}
	return res;
}

RUNTIME long sys_answer(const char *what, long ret, int checked, long expected)
{
	long res = ret < 0 ? -errno : ret;

	sys_res = res;
	if (checked) {
		if (res == expected) {
			printf("ok expect %s = ", what);
			print_res(res);
			printf("\n");
		} else {
			printf("FAILED expect %s: expected ", what);
			print_res(expected);
			printf(", got ");
			print_res(res);
			printf("\n");
			failures++;
		}
	} else if (res < 0) {
		fprintf(stderr, "%s: %s\n", what, strerror((int) -res));
		exit(EXIT_CALL_FAILED);
	}
	return res;
}

/* The port (network order) a socket of this program was bound to: connect goes to the program's own port. */
RUNTIME unsigned short port_of(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;

	check_call(getsockname(fd, (struct sockaddr *) &ss, &len), "getsockname");
	return ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *) &ss)->sin6_port : ((struct sockaddr_in *) &ss)->sin_port;
}

/* A sockaddr for bind/connect: AF_INET/AF_INET6 with ip bytes and a port (network order), or a unix path. */
RUNTIME socklen_t make_sockaddr(struct sockaddr_storage *ss, int family, const unsigned char *ip, unsigned short port,
				const char *path)
{
	memset(ss, 0, sizeof *ss);
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *) ss;

		sin->sin_family = AF_INET;
		sin->sin_port = port;
		memcpy(&sin->sin_addr, ip, 4);
		return sizeof *sin;
	}
	if (family == AF_INET6) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *) ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = port;
		memcpy(&sin6->sin6_addr, ip, 16);
		return sizeof *sin6;
	}
	struct sockaddr_un *sun = (struct sockaddr_un *) ss;
	size_t n = strlen(path);

	sun->sun_family = AF_UNIX;
	memcpy(sun->sun_path, path, n);
	if (path[0] == '@') {
		/* abstract: a leading NUL, the length counts the name exactly */
		sun->sun_path[0] = 0;
		return (socklen_t) (offsetof(struct sockaddr_un, sun_path) + n);
	}
	return sizeof *sun;
}

/* the console's udp NAME: two UDP sockets on 127.0.0.1, port 0, each connected to the other */
RUNTIME void udp_pair(int *a, int *b)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in pa, pb;
	socklen_t len = sizeof pa;

	*a = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	check_call(*a, "socket AF_INET SOCK_DGRAM");
	*b = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	check_call(*b, "socket AF_INET SOCK_DGRAM");
	check_call(bind(*a, (struct sockaddr *) &sin, sizeof sin), "bind 127.0.0.1:0");
	check_call(bind(*b, (struct sockaddr *) &sin, sizeof sin), "bind 127.0.0.1:0");
	check_call(getsockname(*a, (struct sockaddr *) &pa, &len), "getsockname");
	len = sizeof pb;
	check_call(getsockname(*b, (struct sockaddr *) &pb, &len), "getsockname");
	check_call(connect(*a, (struct sockaddr *) &pb, sizeof pb), "connect");
	check_call(connect(*b, (struct sockaddr *) &pa, sizeof pa), "connect");
}

/* thread NAME after=D ACTION: one call by a second thread, with what it was given (an fd and bytes, or a ring fd and a count) */
struct second_thread {
	pthread_t tid;
	long long delay_ns;
	int fd;
	const char *bytes;
	size_t len;
	int ring_fd;
	unsigned to_submit;
	long result;
};

RUNTIME void *second_thread_run(void *arg)
{
	struct second_thread *t = arg;
	long ret;

	sleep_ns(t->delay_ns);
	if (t->ring_fd >= 0)
		ret = enter(t->ring_fd, t->to_submit, 0, 0, NULL, 0);
	else
		ret = write(t->fd, t->bytes, t->len);
	t->result = ret < 0 ? -errno : ret;
	return NULL;
}

RUNTIME void thread_start(struct second_thread *t)
{
	int error = pthread_create(&t->tid, NULL, second_thread_run, t);

	if (error) {
		fprintf(stderr, "pthread_create: %s\n", strerror(error));
		exit(EXIT_CALL_FAILED);
	}
}

RUNTIME void thread_join(struct second_thread *t, const char *what, int checked, long expected)
{
	pthread_join(t->tid, NULL);
	errno = t->result < 0 ? (int) -t->result : 0;
	sys_answer(what, t->result < 0 ? -1 : t->result, checked, expected);
}

/* thread join NAME expect=A,B or expect>=0: the thread's answer held against the comparison */
RUNTIME void thread_join_check(struct second_thread *t, const char *what, const struct check *k)
{
	pthread_join(t->tid, NULL);
	errno = t->result < 0 ? (int) -t->result : 0;
	sys_answer_check(what, t->result < 0 ? -1 : t->result, k);
}

/* the SQEs written so far, published without entering: the second thread's io_uring_enter hands them over */
RUNTIME unsigned ring_publish(struct ring *r)
{
#ifdef RINGSIDE_LIBURING
	if (r->by_liburing) {
		/* what io_uring_submit's flush does, without its enter: the SQEs io_uring_get_sqe handed out, published */
		struct io_uring_sq *sq = &r->uring.sq;

		sq->sqe_head = sq->sqe_tail;
		__atomic_store_n(sq->ktail, sq->sqe_tail, __ATOMIC_RELEASE);
		return sq->sqe_tail - __atomic_load_n(sq->khead, __ATOMIC_ACQUIRE);
	}
#endif
	__atomic_store_n(r->sq_tail, r->local_tail, __ATOMIC_RELEASE);
	return r->local_tail - __atomic_load_n(r->sq_head, __ATOMIC_ACQUIRE);
}
