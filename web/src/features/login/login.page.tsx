import {
  Alert,
  Box,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { describeError, isApiError } from '../../api/problem';
import { homePath } from '../../app/navigation';
import { useAuth } from '../../auth/auth-context';
import { PageTitle } from '../../shared/page-title';

type LoginValues = { email: string; password: string };

export function LoginPage() {
  const { me, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const from = (location.state as { from?: string } | null)?.from;

  const form = useForm<LoginValues>({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validateInputOnChange: true,
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter your e-mail address'),
      password: (value) => (value.length > 0 ? null : 'Enter your password'),
    },
  });

  if (me) return <Navigate to={from && from !== '/login' ? from : '/'} replace />;

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const signedIn = await signIn(values.email.trim(), values.password);
      const can = (permission: string) => signedIn.permissions.includes(permission);
      navigate(from && from !== '/login' ? from : homePath(can), { replace: true });
    } catch (caught) {
      if (isApiError(caught) && caught.status === 401) {
        setError(caught.problem.detail ?? 'E-mail or password is incorrect');
      } else {
        setError(describeError(caught));
      }
    }
  });

  return (
    <Box component="main" mih="100vh" bg="gray.0">
      <Center mih="100vh" p="md">
        <Paper withBorder shadow="sm" radius="lg" p="xl" w="100%" maw={420}>
          <Stack gap="lg">
            <Stack gap={6} align="center">
              <img src="/favicon.svg" alt="" width={44} height={44} />
              <PageTitle title={'Sign in'} />
              <Title order={1} size="h2" ta="center">
                Sign in to Carebook
              </Title>
              <Text c="gray.7" size="sm" ta="center">
                Care management for your organisation
              </Text>
            </Stack>
            {error ? (
              <Alert color="red" variant="light" role="alert" title="Couldn't sign you in">
                {error}
              </Alert>
            ) : null}
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                <TextInput
                  label="E-mail"
                  type="email"
                  autoComplete="username"
                  required
                  autoFocus
                  {...form.getInputProps('email')}
                />
                <PasswordInput
                  label="Password"
                  autoComplete="current-password"
                  required
                  {...form.getInputProps('password')}
                />
                <Button type="submit" fullWidth loading={form.submitting} size="md">
                  Sign in
                </Button>
              </Stack>
            </form>
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
