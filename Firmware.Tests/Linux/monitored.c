/*
 * A monitored process for the Linux detector tests (Firmware.Tests/Linux): compiled at test time with
 * gcc -fstack-protector-all, started by the test, driven one command per line on stdin:
 *   wx     map an anonymous page readable, writable and executable (a W^X violation)
 *   cap    raise CAP_SYS_RAWIO (17) into the effective set (the process keeps it in its permitted set)
 *   segv   write through a null pointer (SIGSEGV)
 *   smash  overflow a stack buffer: the stack protector's canary check aborts (SIGABRT)
 * Options: --drop-caps clears the effective capability set at start (permitted kept), --harden sets
 * no_new_privs and installs an allow-all seccomp filter (mode 2). It prints "ready" once started and
 * "ok CMD" after each command it survives. capget(2), capset(2), prctl(2), seccomp(2), mmap(2).
 */
#define _GNU_SOURCE
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static int set_caps(int clear_effective, int raise_bit)
{
    struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[2];
    if (syscall(SYS_capget, &header, data) != 0)
        return -1;
    if (clear_effective)
        data[0].effective = data[1].effective = 0;
    if (raise_bit >= 0)
        data[raise_bit / 32].effective |= 1u << (raise_bit % 32);
    return (int)syscall(SYS_capset, &header, data);
}

static int harden(void)
{
    struct sock_filter allow[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
    struct sock_fprog program = { 1, allow };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return -1;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program, 0, 0);
}

static volatile const char *long_input = "far longer than the eight bytes of the buffer it is copied into";

__attribute__((noinline)) static void smash(void)
{
    char buffer[8];
    strcpy(buffer, (const char *)long_input);
    printf("%c\n", buffer[0]);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--drop-caps") == 0 && set_caps(1, -1) != 0) {
            perror("capset");
            return 2;
        }
        if (strcmp(argv[i], "--harden") == 0 && harden() != 0) {
            perror("harden");
            return 3;
        }
    }

    printf("ready\n");
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = 0;
        int ok = 1;
        if (strcmp(line, "wx") == 0)
            ok = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED;
        else if (strcmp(line, "cap") == 0)
            ok = set_caps(0, 17) == 0;
        else if (strcmp(line, "segv") == 0)
            *(volatile int *)0 = 1;
        else if (strcmp(line, "smash") == 0)
            smash();
        printf("%s %s\n", ok ? "ok" : "failed", line);
        fflush(stdout);
    }

    return 0;
}
